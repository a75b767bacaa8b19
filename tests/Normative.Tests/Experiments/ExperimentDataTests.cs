using Normative.Data;
using Normative.Data.Synthetic;
using Normative.Experiments;
using static TorchSharp.torch;

namespace Normative.Tests.Experiments;

public sealed class ExperimentDataTests
{
    [Fact]
    public void ACohortWithoutPatientsIsRejectedWithoutLeakingTheTensorsAlreadyBuilt()
    {
        var synthetic = SyntheticCohortGenerator.Generate(new SyntheticCohortOptions { Seed = 3, Sizes = new CohortSizes(20, 5, 5, 5, 5) });
        var cohort = synthetic.Cohort;
        // Every patient relabelled as a held-out subject: the constructor builds all three groups, then finds no patients.
        var noPatients = new Cohort(cohort.Manifest, cohort.Subjects.Select(s => s.Split == Split.Test ? s with { Split = Split.Holdout } : s).ToArray(), cohort.Modalities);
        long before = TorchSharp.DisposeScopeManager.Statistics.ThreadTotalLiveCount;
        var error = Assert.Throws<ArgumentException>(() => ExperimentData.From(noPatients));
        Assert.Contains("no patients", error.Message);
        // Tensors are counted per thread, so other tests running in parallel do not disturb the count.
        Assert.Equal(before, TorchSharp.DisposeScopeManager.Statistics.ThreadTotalLiveCount);
    }
}
