using System.Globalization;
using System.Text.Json.Nodes;
using Normative.Cli;
using Normative.Data;
using Normative.Deviation;
using Normative.Experiments;
using Normative.Training;

namespace Normative.Tests.Cli;

/// <summary>
/// Issue 19: <c>normative score --model M --cohort NEW</c> needs only the new subjects (the checkpoint carries the
/// normalisation, the covariate encoding and the deviation references), gives the numbers the training run gives,
/// marks none of them as training, and scores subjects without PET with MRI alone.
/// </summary>
public sealed class ScoreFromModelTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "normative-tests", "score-alone-" + Guid.NewGuid().ToString("N"));

    private string PathOf(string name) => Path.Combine(_folder, name);

    private static int Run(params string[] args) => NormativeCommand.Build().Parse(args).Invoke();

    [Fact]
    public void NewSubjectsAreScoredFromTheModelAloneWithTheTrainingRunsNumbers()
    {
        Assert.Equal(0, Run("cohort", "generate", "--out", PathOf("cohort"), "--seed", "5", "--sizes", "40,10,8,8,8", "--amyloid-missing-fraction", "0.2", "--calibration-size", "0"));
        Assert.Equal(0, Run("train", "--cohort", PathOf("cohort"), "--model", "mmvae", "--aggregator", "mopoe", "--latent", "3",
            "--epochs", "3", "--seed", "1", "--out", PathOf("model")));

        // The new cohort: everyone but the training controls (so no training controls at all).
        var cohort = CohortLoader.Load(PathOf("cohort"));
        var keep = Enumerable.Range(0, cohort.Subjects.Count).Where(i => cohort.Subjects[i].Split != Split.Train).ToArray();
        var fresh = new Cohort(cohort.Manifest with { Name = "new-subjects" }, keep.Select(i => cohort.Subjects[i]).ToArray(),
            cohort.Modalities.Select(t => new ModalityTable(t.Entry, t.Regions, keep.Select(t.Row).ToArray())).ToArray());
        CohortWriter.Write(fresh, PathOf("new"));
        Assert.Contains(keep, i => !cohort.Modality("amyloid").IsObserved(i));

        Assert.Equal(0, Run("score", "--model", PathOf("model"), "--cohort", PathOf("new"), "--out", PathOf("new.csv")));
        var table = CsvTable.Read(PathOf("new.csv"));
        Assert.Equal(keep.Length, table.RowCount);
        Assert.All(Enumerable.Range(0, table.RowCount), r => Assert.Equal("false", table.Cell(r, "in_training")));
        int withoutPet = keep.Count(i => !cohort.Modality("amyloid").IsObserved(i));
        Assert.Equal(withoutPet, Enumerable.Range(0, table.RowCount).Count(r => table.Cell(r, "modalities") == "mri"));
        int mriOnlyRow = Enumerable.Range(0, table.RowCount).First(r => table.Cell(r, "modalities") == "mri");
        Assert.Equal("", table.Cell(mriOnlyRow, "rec_amyloid_lh_precuneus"));
        Assert.Equal("", table.Cell(mriOnlyRow, "zmf_amyloid_lh_precuneus"));

        // The same model scoring inside its training cohort (the reproduce path: ModelEvaluator.Evaluate).
        using var loaded = ModelCheckpoint.Load(PathOf("model"));
        Assert.Equal(new TrainingRecord("default", 3, TrainingPresets.Default.Training.LearningRate, TrainingPresets.Default.Training.BatchSize, 1, 40), loaded.Training);
        var preprocessing = loaded.Preprocessing!;
        var conventions = DeviationConventions.Calibrated; // the default preset's conventions, which train recorded
        using var train = preprocessing.TrainTensors(cohort);
        using var holdout = preprocessing.HoldoutTensors(cohort);
        using var patients = preprocessing.PatientTensors(cohort);
        var evaluation = ModelEvaluator.Evaluate(loaded.Model, new TrainingHistory([]), TimeSpan.Zero,
            new MethodSpec("mmvae", "mmvae", "mmvae", Normative.Aggregation.AggregatorKind.MoPoE), 1, conventions, train, holdout, patients);
        var expected = new Dictionary<string, (double Dml, double Dmf)>();
        foreach (var group in new[] { evaluation.Holdout, evaluation.Patients })
            for (int i = 0; i < group.Count; i++)
                expected[group.Scores.SubjectIds[i]] = (Math.Sqrt(group.Deviations.LatentSquaredDistance[i]), Math.Sqrt(group.Deviations.FeatureSquaredDistance[i]));
        Assert.Equal(keep.Length, expected.Count);
        for (int r = 0; r < table.RowCount; r++)
        {
            var (dml, dmf) = expected[table.Cell(r, "subject_id")];
            Assert.Equal(dml, double.Parse(table.Cell(r, "d_ml"), CultureInfo.InvariantCulture), dml * 1e-5);
            Assert.Equal(dmf, double.Parse(table.Cell(r, "d_mf"), CultureInfo.InvariantCulture), dmf * 1e-5);
        }

        // Scoring the training cohort itself marks exactly its training controls as in-sample.
        Assert.Equal(0, Run("score", "--model", PathOf("model"), "--cohort", PathOf("cohort"), "--out", PathOf("all.csv")));
        var all = CsvTable.Read(PathOf("all.csv"));
        Assert.Equal(40, Enumerable.Range(0, all.RowCount).Count(r => all.Cell(r, "in_training") == "true"));
    }

    [Fact]
    public void AFormat1CheckpointIsReadButScoreRefusesItForLackOfReferences()
    {
        // A format-1 checkpoint: the committed format-2 fixture without its training record and references.
        Directory.CreateDirectory(PathOf("model"));
        foreach (var file in Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "TestData", "Checkpoints", "format2")))
            if (Path.GetFileName(file) != SavedReferences.FileName) File.Copy(file, Path.Combine(PathOf("model"), Path.GetFileName(file)));
        string config = Path.Combine(PathOf("model"), ModelCheckpoint.ConfigFile);
        var json = JsonNode.Parse(File.ReadAllText(config))!.AsObject();
        json["format"] = "normative-model/1";
        json.Remove("training");
        File.WriteAllText(config, json.ToJsonString());
        using (var migrated = ModelCheckpoint.Load(PathOf("model")))
        {
            Assert.Equal("normative-model/1", migrated.Format);
            Assert.Null(migrated.Training);
            Assert.NotNull(migrated.Preprocessing);
        }
        // It has no deviation references: score refuses rather than guess.
        string subjects = Path.Combine(AppContext.BaseDirectory, "TestData", "Checkpoints", "subjects");
        Assert.NotEqual(0, Run("score", "--model", PathOf("model"), "--cohort", subjects, "--out", PathOf("s.csv")));
        Assert.False(File.Exists(PathOf("s.csv")));
    }

    public void Dispose()
    {
        if (Directory.Exists(_folder)) Directory.Delete(_folder, recursive: true);
    }
}
