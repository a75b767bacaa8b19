using System.Globalization;

namespace Normative.Data.Import;

/// <summary>
/// One FreeSurfer stats file as written by <c>recon-all</c> (FreeSurfer 7): <c>stats/aseg.stats</c>
/// (mri_segstats: <c># Measure</c> header lines such as
/// <c># Measure EstimatedTotalIntraCranialVol, eTIV, Estimated Total Intracranial Volume, 1512345.6, mm^3</c>, then
/// <c># ColHeaders  Index SegId NVoxels Volume_mm3 StructName normMean …</c> and one whitespace-separated row per
/// structure) or <c>stats/?h.aparc.stats</c> (mris_anatomical_stats: <c># hemi lh</c>,
/// <c># ColHeaders StructName NumVert SurfArea GrayVol ThickAvg …</c>). Columns are found by their header
/// names, never by position, so extra columns do not shift anything.
/// </summary>
public sealed class FreeSurferStats
{
    private FreeSurferStats(string file, IReadOnlyDictionary<string, (double Value, int Line)> volumes,
        IReadOnlyDictionary<string, (double Value, int Line)> measures, string? hemisphere)
    {
        File = file;
        Volumes = volumes;
        Measures = measures;
        Hemisphere = hemisphere;
    }

    public string File { get; }

    /// <summary>Structure name (as FreeSurfer spells it) -&gt; volume in mm3 and the 1-based line it came from.</summary>
    public IReadOnlyDictionary<string, (double Value, int Line)> Volumes { get; }

    /// <summary><c># Measure</c> lines by their second field (e.g. <c>eTIV</c>, <c>BrainSegVol</c>) and by their first (<c>EstimatedTotalIntraCranialVol</c>).</summary>
    public IReadOnlyDictionary<string, (double Value, int Line)> Measures { get; }

    /// <summary><c>lh</c> or <c>rh</c> from the <c># hemi</c> line of an aparc file; null for aseg.</summary>
    public string? Hemisphere { get; }

    /// <summary>
    /// Reads a stats file; <paramref name="volumeColumn"/> is <c>Volume_mm3</c> for aseg.stats and <c>GrayVol</c> for aparc.stats.
    /// </summary>
    /// <exception cref="CohortFormatException">A missing file, header or column, or a malformed row (file, line, column named).</exception>
    public static FreeSurferStats Read(string path, string volumeColumn)
    {
        if (!System.IO.File.Exists(path)) throw new CohortFormatException(path, null, null, "file not found.");
        var lines = System.IO.File.ReadAllLines(path);
        var measures = new Dictionary<string, (double, int)>(StringComparer.Ordinal);
        var volumes = new Dictionary<string, (double, int)>(StringComparer.Ordinal);
        string[]? header = null;
        string? hemisphere = null;
        var issues = new IssueSink();
        for (int l = 0; l < lines.Length; l++)
        {
            string line = lines[l].Trim();
            int number = l + 1;
            if (line.Length == 0) continue;
            if (line.StartsWith("# Measure ", StringComparison.Ordinal))
            {
                // "# Measure <name>, <short name>, <description>, <value>, <unit>"
                var parts = line["# Measure ".Length..].Split(',').Select(p => p.Trim()).ToArray();
                if (parts.Length < 5 || !double.TryParse(parts[3], NumberStyles.Float, CultureInfo.InvariantCulture, out double value))
                {
                    issues.Add(new CohortIssue(path, number, "# Measure", $"'{line}' is not '# Measure name, short name, description, value, unit'."));
                    continue;
                }
                measures[parts[1]] = (value, number);
                measures.TryAdd(parts[0], (value, number));
                continue;
            }
            if (line.StartsWith("# hemi ", StringComparison.Ordinal)) { hemisphere = line["# hemi ".Length..].Trim(); continue; }
            if (line.StartsWith("# ColHeaders", StringComparison.Ordinal))
            {
                header = line["# ColHeaders".Length..].Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
                continue;
            }
            if (line.StartsWith('#')) continue;
            if (header is null)
            {
                issues.Add(new CohortIssue(path, number, null, "a data row before the '# ColHeaders' line; is this a FreeSurfer stats file?"));
                break;
            }
            int nameIndex = Array.IndexOf(header, "StructName"), volumeIndex = Array.IndexOf(header, volumeColumn);
            if (nameIndex < 0 || volumeIndex < 0)
            {
                issues.Add(new CohortIssue(path, number - 1, nameIndex < 0 ? "StructName" : volumeColumn,
                    $"the '# ColHeaders' line has no '{(nameIndex < 0 ? "StructName" : volumeColumn)}' column ({string.Join(" ", header)})."));
                break;
            }
            var cells = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (cells.Length != header.Length)
            {
                issues.Add(new CohortIssue(path, number, null, $"the row has {cells.Length} fields but '# ColHeaders' names {header.Length}."));
                continue;
            }
            string name = cells[nameIndex];
            if (!SubjectColumns.TryParseFinite(cells[volumeIndex], out double volume))
                issues.Add(new CohortIssue(path, number, volumeColumn, $"'{cells[volumeIndex]}' ({name}) is not a number."));
            else if (!volumes.TryAdd(name, (volume, number)))
                issues.Add(new CohortIssue(path, number, "StructName", $"structure '{name}' appears twice (first on line {volumes[name].Item2})."));
        }
        if (header is null && issues.Count == 0) issues.Add(new CohortIssue(path, null, "# ColHeaders", "no '# ColHeaders' line; is this a FreeSurfer stats file?"));
        if (issues.Count > 0) throw new CohortFormatException(issues.Items, issues.Count);
        return new FreeSurferStats(path, volumes, measures, hemisphere);
    }
}
