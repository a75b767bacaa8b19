using Normative.Data;

namespace Normative.Experiments;

/// <summary>
/// How many subjects each run scored with which modalities, and whom it could not score (issue 19: a cohort
/// with missing PET must say so): <c>scored-modalities.csv</c> with one row per run, group and pattern
/// (<c>method, d, seed, group, modalities, subjects</c>; refused subjects under <c>modalities = refused</c>),
/// and, when some subject was refused, <c>refused-subjects.csv</c> naming each, the modality it lacks and why.
/// </summary>
public static class ScoredModalitiesCsv
{
    public const string FileName = "scored-modalities.csv";

    public const string RefusedFileName = "refused-subjects.csv";

    /// <summary>Writes both files into <paramref name="folder"/>; returns one summary line per run whose subjects were not all complete.</summary>
    public static IReadOnlyList<string> Write(string folder, GridResult grid)
    {
        ArgumentNullException.ThrowIfNull(grid);
        Directory.CreateDirectory(folder);
        var rows = new List<IReadOnlyList<object?>>();
        var refused = new List<IReadOnlyList<object?>>();
        var lines = new List<string>();
        foreach (var run in grid.Runs)
        {
            var groups = new[] { ("train", run.TrainControls), ("holdout", run.Holdout), ("test", run.Patients) };
            foreach (var (name, group) in groups)
            {
                foreach (var (pattern, count) in group.ScoredPatterns.OrderByDescending(p => p.Value))
                    rows.Add([run.Method.Key, run.LatentDim, run.Seed, name, pattern, count]);
                if (group.Refused.Count > 0) rows.Add([run.Method.Key, run.LatentDim, run.Seed, name, "refused", group.Refused.Count]);
                foreach (var r in group.Refused)
                    refused.Add([run.Method.Key, run.LatentDim, run.Seed, name, r.SubjectId, string.Join("+", r.MissingModalities), r.Reason]);
            }
            var patterns = groups.SelectMany(g => g.Item2.ScoredPatterns).GroupBy(p => p.Key).ToDictionary(g => g.Key, g => g.Sum(p => p.Value));
            int refusedCount = groups.Sum(g => g.Item2.Refused.Count);
            if (patterns.Count > 1 || refusedCount > 0)
                lines.Add($"{run.RunKey}: scored {string.Join(", ", patterns.OrderByDescending(p => p.Value).Select(p => $"{p.Value} with {p.Key}"))}" +
                    (refusedCount > 0 ? $"; refused {refusedCount} (see {RefusedFileName})" : ""));
        }
        ResultFiles.WriteCsv(Path.Combine(folder, FileName), ["method", "d", "seed", "group", "modalities", "subjects"], rows);
        // Written only when some subject was refused, so a complete cohort's results hold no empty table.
        if (refused.Count > 0)
            ResultFiles.WriteCsv(Path.Combine(folder, RefusedFileName), ["method", "d", "seed", "group", SubjectColumns.SubjectId, "missing", "reason"], refused);
        return lines;
    }
}
