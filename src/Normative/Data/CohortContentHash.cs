using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Normative.Data;

/// <summary>
/// A SHA-256 fingerprint of what a cohort <em>says</em> — every subject's fields and every modality's regions and
/// values, in cohort order — independent of how its files are formatted (column widths, number spelling, line
/// ends, the manifest's name or description). A saved model records the hash of the cohort it was trained on, so
/// anyone holding a cohort can check whether it is that one.
/// </summary>
/// <remarks>
/// The hashed text is one line per subject (<c>id, split, group, cdr, amyloid, age, sex, icv, adas13, site</c>) and,
/// per modality, its name, ICV division, region ids and one line of values per subject (<c>NA</c> when missing).
/// Numbers use the round-trip format ("R"), so two cohorts hash equal exactly when they load to equal values.
/// </remarks>
public static class CohortContentHash
{
    /// <summary>The hash as 64 lower-case hex digits.</summary>
    public static string Of(Cohort cohort)
    {
        ArgumentNullException.ThrowIfNull(cohort);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var line = new StringBuilder();
        void Emit()
        {
            line.Append('\n');
            hash.AppendData(Encoding.UTF8.GetBytes(line.ToString()));
            line.Clear();
        }

        line.Append("subjects ").Append(cohort.Subjects.Count);
        Emit();
        foreach (var s in cohort.Subjects)
        {
            line.AppendJoin(',', s.Id, s.Split, s.Group, Number(s.Cdr), s.AmyloidPositive ? "true" : "false", Number(s.Age), s.Sex,
                Number(s.IcvMm3), Number(s.Adas13), s.Site ?? "NA");
            Emit();
        }
        foreach (var table in cohort.Modalities)
        {
            line.Append("modality ").Append(table.Name).Append(" divides_by_icv=").Append(table.Entry.DividesByIcv ? "true" : "false");
            Emit();
            line.AppendJoin(',', table.Regions.Ids);
            Emit();
            for (int i = 0; i < table.RowCount; i++)
            {
                if (table.Row(i) is { } row) line.AppendJoin(',', row.Select(v => Number(v)));
                else line.Append("NA");
                Emit();
            }
        }
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    private static string Number(double? value) => value is { } v ? v.ToString("R", CultureInfo.InvariantCulture) : "NA";
}
