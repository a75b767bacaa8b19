using Normative.Data.Synthetic;

namespace Normative.Tests.Data;

/// <summary>A temporary folder holding a tiny synthetic cohort that a test may edit, deleted afterwards.</summary>
internal sealed class CohortFixture : IDisposable
{
    /// <summary>Small enough to write and load in milliseconds; every group is present.</summary>
    public static readonly CohortSizes TinySizes = new(12, 3, 4, 4, 4);

    public CohortFixture(int seed = 1, SyntheticCohortOptions? options = null)
    {
        Folder = Path.Combine(Path.GetTempPath(), "normative-tests", Guid.NewGuid().ToString("N"));
        Synthetic = SyntheticCohortGenerator.Generate(options ?? new SyntheticCohortOptions { Seed = seed, Sizes = TinySizes });
        Synthetic.Write(Folder);
    }

    public string Folder { get; }

    public SyntheticCohort Synthetic { get; }

    public string PathOf(string file) => Path.Combine(Folder, file);

    /// <summary>Rewrites a CSV of the cohort: <paramref name="edit"/> receives the rows (header first) as mutable cell lists.</summary>
    public void EditCsv(string file, Action<List<List<string>>> edit)
    {
        var rows = File.ReadAllLines(PathOf(file)).Select(l => l.Split(',').ToList()).ToList();
        edit(rows);
        File.WriteAllLines(PathOf(file), rows.Select(r => string.Join(',', r)));
    }

    /// <summary>Sets the cell at spreadsheet row <paramref name="row"/> (header = 1) in <paramref name="column"/>.</summary>
    public void SetCell(string file, int row, string column, string value) => EditCsv(file, rows =>
    {
        int c = rows[0].IndexOf(column);
        rows[row - 1][c] = value;
    });

    public void Dispose()
    {
        if (Directory.Exists(Folder)) Directory.Delete(Folder, recursive: true);
    }
}
