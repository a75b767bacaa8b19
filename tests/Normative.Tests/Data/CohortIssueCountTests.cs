using Normative.Cli;
using Normative.Data;
using Normative.Data.Synthetic;

namespace Normative.Tests.Data;

/// <summary>Regression tests of issue 19: more than <see cref="CohortLoader.MaxIssues"/> problems, and ICV only where it is used.</summary>
public sealed class CohortIssueCountTests
{
    /// <summary>
    /// 60 subjects with four bad cells each (240 problems): once the kept list was full, the per-row check
    /// no longer saw a row's problems and read its missing age ("Nullable object must have a value").
    /// </summary>
    [Fact]
    public void MoreThanMaxIssuesIsCountedExactlyAndDoesNotCrash()
    {
        using var fixture = new CohortFixture(options: new SyntheticCohortOptions { Seed = 1, Sizes = new CohortSizes(40, 5, 5, 5, 5) });
        fixture.EditCsv("subjects.csv", rows =>
        {
            int age = rows[0].IndexOf("age"), sex = rows[0].IndexOf("sex"), split = rows[0].IndexOf("split"), cdr = rows[0].IndexOf("cdr");
            foreach (var row in rows.Skip(1))
            {
                row[age] = "";
                row[sex] = "X";
                row[split] = "training";
                row[cdr] = "7";
            }
        });
        var check = CohortLoader.Check(fixture.Folder);
        Assert.Null(check.Cohort);
        Assert.Equal(60 * 4, check.TotalIssues);
        Assert.Equal(CohortLoader.MaxIssues, check.Issues.Count);
        var error = Assert.Throws<CohortFormatException>(() => CohortLoader.Load(fixture.Folder));
        Assert.Equal(240, error.TotalIssues);
        Assert.Contains("and 239 more problems", error.Message);
    }

    [Fact]
    public void ValidateCommandReportsTheExactRemainder()
    {
        using var fixture = new CohortFixture(options: new SyntheticCohortOptions { Seed = 1, Sizes = new CohortSizes(40, 5, 5, 5, 5) });
        fixture.EditCsv("subjects.csv", rows =>
        {
            int age = rows[0].IndexOf("age"), sex = rows[0].IndexOf("sex"), split = rows[0].IndexOf("split"), cdr = rows[0].IndexOf("cdr");
            foreach (var row in rows.Skip(1)) (row[age], row[sex], row[split], row[cdr]) = ("", "X", "training", "7");
        });
        var output = new StringWriter();
        var original = Console.Out;
        int exit;
        try
        {
            Console.SetOut(output);
            Spectre.Console.AnsiConsole.Console = Spectre.Console.AnsiConsole.Create(new Spectre.Console.AnsiConsoleSettings { Out = new Spectre.Console.AnsiConsoleOutput(output) });
            exit = NormativeCommand.Build().Parse(["cohort", "validate", fixture.Folder]).Invoke();
        }
        finally
        {
            Console.SetOut(original);
            Spectre.Console.AnsiConsole.Console = Spectre.Console.AnsiConsole.Create(new Spectre.Console.AnsiConsoleSettings());
        }
        Assert.Equal(1, exit);
        Assert.Contains("... and 220 more.", output.ToString());
        Assert.Contains("240 problems", output.ToString());
    }

    [Fact]
    public void IcvColumnMayBeAbsentWhenNoModalityDividesByIt()
    {
        using var fixture = new CohortFixture();
        SetIcvNormalisation(fixture, false);
        fixture.EditCsv("subjects.csv", rows =>
        {
            int c = rows[0].IndexOf("icv");
            foreach (var row in rows) row.RemoveAt(c);
        });
        var cohort = CohortLoader.Load(fixture.Folder);
        Assert.All(cohort.Subjects, s => Assert.Null(s.IcvMm3));
        var state = CohortPreprocessor.Fit(cohort);
        using var tensors = state.TrainTensors(cohort);
        Assert.Equal(cohort.TrainingControlRows.Count, tensors.Count);
    }

    [Fact]
    public void EmptyIcvIsAllowedWhenNoModalityDividesByIt()
    {
        using var fixture = new CohortFixture();
        SetIcvNormalisation(fixture, false);
        fixture.SetCell("subjects.csv", 4, "icv", "");
        var cohort = CohortLoader.Load(fixture.Folder);
        Assert.Null(cohort.Subjects[2].IcvMm3);
    }

    [Fact]
    public void MissingIcvColumnIsNamedWhenAModalityDividesByIt()
    {
        using var fixture = new CohortFixture();
        fixture.EditCsv("subjects.csv", rows =>
        {
            int c = rows[0].IndexOf("icv");
            foreach (var row in rows) row.RemoveAt(c);
        });
        var issue = Assert.Single(CohortLoader.Validate(fixture.Folder));
        Assert.Equal((1, "icv"), (issue.Row!.Value, issue.Column!));
        Assert.Contains("'mri' divides by ICV", issue.Problem);
    }

    [Fact]
    public void EmptyIcvIsNamedWithItsRowWhenAModalityDividesByIt()
    {
        using var fixture = new CohortFixture();
        fixture.SetCell("subjects.csv", 4, "icv", "");
        var issue = Assert.Single(CohortLoader.Validate(fixture.Folder));
        Assert.Equal((4, "icv"), (issue.Row!.Value, issue.Column!));
        Assert.Contains("normalise_by_icv", issue.Problem);
    }

    private static void SetIcvNormalisation(CohortFixture fixture, bool divides)
    {
        string manifest = fixture.PathOf("cohort.json");
        var parsed = DataJson.Read<CohortManifest>(manifest);
        File.WriteAllText(manifest, DataJson.Write(parsed with { Modalities = parsed.Modalities.Select(m => m with { NormaliseByIcv = divides }).ToArray() }));
    }
}
