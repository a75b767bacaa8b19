using System.Globalization;

namespace Normative.Data;

/// <summary>
/// Column names and cell codes of the subjects table (data-schemas/subjects.table-schema.json), in one
/// place so the loader, the writer and the schema agree.
/// </summary>
public static class SubjectColumns
{
    public const string SubjectId = "subject_id";
    public const string Split = "split";
    public const string Group = "group";
    public const string Cdr = "cdr";
    public const string AmyloidPositive = "amyloid_positive";
    public const string Age = "age";
    public const string Sex = "sex";
    public const string Icv = "icv";
    public const string Adas13 = "adas13";

    /// <summary>Optional acquisition site; written after the others only when some subject has one.</summary>
    public const string Site = "site";

    /// <summary>Every column, in the order the writer uses.</summary>
    public static IReadOnlyList<string> All { get; } = [SubjectId, Split, Group, Cdr, AmyloidPositive, Age, Sex, Icv, Adas13];

    public static string Format(Data.Split split) => split switch
    {
        Data.Split.Train => "train",
        Data.Split.Holdout => "holdout",
        Data.Split.Calibration => "calibration",
        Data.Split.Test => "test",
        _ => throw new ArgumentOutOfRangeException(nameof(split), split, null),
    };

    public static string Format(SubjectGroup group) => group switch
    {
        SubjectGroup.Control => "control",
        SubjectGroup.Patient => "patient",
        _ => throw new ArgumentOutOfRangeException(nameof(group), group, null),
    };

    public static string Format(Data.Sex sex) => sex switch
    {
        Data.Sex.Female => "F",
        Data.Sex.Male => "M",
        _ => throw new ArgumentOutOfRangeException(nameof(sex), sex, null),
    };

    public static bool TryParseSplit(string text, out Data.Split split)
    {
        (bool ok, split) = text switch
        {
            "train" => (true, Data.Split.Train),
            "holdout" => (true, Data.Split.Holdout),
            "calibration" => (true, Data.Split.Calibration),
            "test" => (true, Data.Split.Test),
            _ => (false, default),
        };
        return ok;
    }

    public static bool TryParseGroup(string text, out SubjectGroup group)
    {
        (bool ok, group) = text switch
        {
            "control" => (true, SubjectGroup.Control),
            "patient" => (true, SubjectGroup.Patient),
            _ => (false, default),
        };
        return ok;
    }

    public static bool TryParseSex(string text, out Data.Sex sex)
    {
        (bool ok, sex) = text switch
        {
            "F" => (true, Data.Sex.Female),
            "M" => (true, Data.Sex.Male),
            _ => (false, default),
        };
        return ok;
    }

    /// <summary>Frictionless Table Schema's default boolean spellings.</summary>
    public static bool TryParseBoolean(string text, out bool value)
    {
        (bool ok, value) = text switch
        {
            "true" or "True" or "TRUE" or "1" => (true, true),
            "false" or "False" or "FALSE" or "0" => (true, false),
            _ => (false, false),
        };
        return ok;
    }

    /// <summary>A finite number in invariant culture; NaN and infinities are rejected.</summary>
    public static bool TryParseFinite(string text, out double value) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);
}
