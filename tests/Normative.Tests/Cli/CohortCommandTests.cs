using Normative.Cli;
using Normative.Data;

namespace Normative.Tests.Cli;

public sealed class CohortCommandTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "normative-tests", "cli-" + Guid.NewGuid().ToString("N"));

    private static int Run(params string[] args) => NormativeCommand.Build().Parse(args).Invoke();

    [Fact]
    public void GenerateThenValidateSucceeds()
    {
        Assert.Equal(0, Run("cohort", "generate", "--out", _folder, "--seed", "3", "--sizes", "10,2,3,3,3", "--calibration-size", "4"));
        Assert.Equal(0, Run("cohort", "validate", _folder));
        var cohort = CohortLoader.Load(_folder);
        Assert.Equal(21 + 4, cohort.Subjects.Count);
        Assert.Equal(4, cohort.Rows(Split.Calibration).Count);
    }

    [Fact]
    public void ValidateFailsWithNonZeroExitOnABrokenCohort()
    {
        Assert.Equal(0, Run("cohort", "generate", "--out", _folder, "--scale", "0.02", "--calibration-size", "0"));
        File.Delete(Path.Combine(_folder, "mri.csv"));
        Assert.NotEqual(0, Run("cohort", "validate", _folder));
    }

    [Fact]
    public void BadSizesAreAnErrorExit()
    {
        Assert.NotEqual(0, Run("cohort", "generate", "--out", _folder, "--sizes", "1,2"));
    }

    public void Dispose()
    {
        if (Directory.Exists(_folder)) Directory.Delete(_folder, recursive: true);
    }
}
