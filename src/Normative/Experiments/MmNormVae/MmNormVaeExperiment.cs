using System.Diagnostics;
using Normative.Data;
using Normative.Data.Harmonisation;
using Normative.Data.Synthetic;
using Normative.Deviation;

namespace Normative.Experiments.MmNormVae;

/// <summary>
/// The mmNormVAE experiment (Kumar, Payne &amp; Sotiras, NeurIPS workshop poster "mmNormVAE: normative modelling on
/// multimodal neuroimaging data using product-of-experts variational autoencoder"): normative models over three
/// FreeSurfer feature sets (cortical, subcortical, hippocampal subfields) trained on a large control study and applied
/// to another, clinical study — the multimodal mmVAE-PoE beside a unimodal VAE on the concatenated features, with and
/// without harmonisation of the clinical study's scanners (train-only ComBat, then each clinical site adapted from its own
/// controls). Data: <see cref="TwoStudyGenerator"/>; read-outs: <see cref="MmNormVaeSummary"/>.
/// </summary>
public static class MmNormVaeExperiment
{
    /// <summary>Generates the two studies of <see cref="MmNormVaeOptions.Studies"/> and runs the experiment on them.</summary>
    public static MmNormVaeResult Run(MmNormVaeOptions options, Action<string>? log = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var clock = Stopwatch.StartNew();
        var setting = TwoStudyGenerator.Generate(options.Studies);
        log?.Invoke($"Generated the two studies in {clock.Elapsed.TotalSeconds:0.0} s.");
        return Run(options, setting, log, cancellationToken);
    }

    /// <summary>Runs the experiment on two studies generated beforehand (e.g. shown in a notebook first).</summary>
    public static MmNormVaeResult Run(MmNormVaeOptions options, TwoStudySetting setting, Action<string>? log = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(setting);
        if (options.Grid.LatentSizes.Count != 1) throw new ArgumentException("The experiment trains one latent size; give exactly one.", nameof(options));
        if (options.Grid.Seeds.Count == 0) throw new ArgumentException("At least one seed is needed.", nameof(options));
        if (!(options.Alpha is > 0 and < 1)) throw new ArgumentOutOfRangeException(nameof(options), options.Alpha, "Alpha lies in (0, 1).");
        var started = DateTimeOffset.UtcNow;
        var wall = Stopwatch.StartNew();
        var cohort = TwoStudyCohort.Combine(setting);
        var clinical = setting.ClinicalStudy.Cohort;
        var studies = Summarise(setting);
        log?.Invoke($"Studies: '{studies.ControlStudy}' ({studies.TrainControls} training + {studies.ControlHoldout} held-out controls) and '{studies.ClinicalStudy}' " +
            $"({studies.AdaptationControls} adaptation + {studies.ClinicalControls} held-out controls, {studies.Patients.Values.Sum()} patients).");

        int latent = options.Grid.LatentSizes[0];
        var seeds = options.Grid.Seeds;
        var regions = new List<RegionDeviation>();
        var groups = new List<GroupSummary>();
        var cognition = new List<CognitionRow>();
        var times = new List<TrainingWallTime>();
        var timings = new List<RunTiming>();
        var calibration = new List<CalibrationInput>();
        var plantedTruth = new List<PlantedRegionRecovery>();
        foreach (var handling in options.Handlings)
        {
            var state = CohortPreprocessor.Fit(cohort, harmonise: handling == SiteHandling.ComBatAdapted);
            if (handling == SiteHandling.ComBatAdapted)
                state = SiteAdaptation.Adapt(state, clinical, setting.ClinicalSites.Select(s => s.Name),
                    s => s.Group == SubjectGroup.Control && s.Split == Split.Train).State;
            using var data = ExperimentData.WithPreprocessing(cohort, state);
            var planted = MmNormVaePlantedTruth.Planted(data, setting.ClinicalStudy.GroundTruth);
            foreach (var method in options.Grid.Methods)
            {
                cancellationToken.ThrowIfCancellationRequested();
                bool stacked = options.Grid.Stack && seeds.Count > 1 && Models.ModelRegistry.Get(method.Model).Stackable;
                var clock = Stopwatch.StartNew();
                var evaluations = stacked
                    ? ModelEvaluator.RunStack(data, method, latent, seeds, options.Grid, null, cancellationToken)
                    : seeds.Select(seed => ModelEvaluator.Run(data, method, latent, seed, options.Grid, null, cancellationToken)).ToList();
                clock.Stop();
                try
                {
                    double seconds = evaluations.Sum(e => e.TrainingTime.TotalSeconds);
                    int epochs = evaluations[0].History.Epochs.Count;
                    times.Add(new TrainingWallTime(MmNormVaeSummary.Code(handling), method.Label, seeds.ToArray(), stacked, data.Train.Count, epochs, seconds));
                    log?.Invoke($"{MmNormVaeSummary.Code(handling)}: trained {method.Label} (d = {latent}, seeds {string.Join(",", seeds)}{(stacked ? ", stacked" : "")}) on {data.Train.Count} controls in {seconds:0.0} s; scored in {clock.Elapsed.TotalSeconds - seconds:0.0} s.");
                    foreach (var evaluation in evaluations)
                    {
                        var (r, g, c) = MmNormVaeSummary.Of(evaluation, data, handling, options.Alpha);
                        calibration.AddRange(CalibrationInputs(evaluation, data, $"{MmNormVaeSummary.Code(handling)}/{evaluation.RunKey}"));
                        regions.AddRange(r);
                        plantedTruth.AddRange(MmNormVaePlantedTruth.Of(r, planted));
                        groups.AddRange(g);
                        cognition.AddRange(c);
                        var history = evaluation.History.Epochs;
                        timings.Add(new RunTiming($"{method.Label} [{MmNormVaeSummary.Code(handling)}]", method.Key, latent, evaluation.Seed, history.Count,
                            history.Count > 0 ? history[^1].Loss : double.NaN, evaluation.TrainingTime.TotalSeconds));
                    }
                }
                finally
                {
                    foreach (var evaluation in evaluations) evaluation.Dispose();
                }
            }
        }
        wall.Stop();
        var run = new RunRecord(options.Configuration, cohort.Name, "synthetic two-study setting (TwoStudyGenerator)",
            cohort.Subjects.Count, options.Grid.Preset.Name, options.Grid.TrainingFor(seeds[0]) with { Seed = 0 }, options.Grid.Conventions,
            options.Grid.Methods.Select(m => m.Label).ToArray(), options.Grid.LatentSizes, seeds, PackageInfo.Version, PackageInfo.TorchSharpVersion,
            Environment.Version.ToString(), started, wall.Elapsed.TotalSeconds, timings);

        var calibrationReport = CalibrationReport.Compute(calibration);
        var result = new MmNormVaeResult(options.Configuration, studies, latent, options.Alpha, regions, groups, cognition, times, run) { Calibration = calibrationReport, PlantedTruth = plantedTruth };
        log?.Invoke($"Calibration of the out-of-sample controls: {calibrationReport.Warnings.Count} warning(s) over {calibrationReport.Entries.Count} entries (calibration.json).");
        if (options.OutputFolder is { } folder)
        {
            MmNormVaeWriter.Write(result, folder);
            ResultFiles.WriteJson(Path.Combine(folder, CalibrationReports.FileName), calibrationReport);
            File.AppendAllText(Path.Combine(folder, "report.md"),
                $"\n## Calibration on out-of-sample controls\n\nHeld-out controls of the control study (`{MmNormVaeResult.ControlStudyHoldout}`) and of the clinical study (`{MmNormVaeResult.ClinicalControls}`), per site handling, " +
                "method and seed; every site in `calibration.json`.\n\n" + calibrationReport.ToMarkdown() + "\n");
        }
        return result;
    }

    /// <summary>The issue-20 calibration inputs of one evaluation: the control study's held-out controls and the clinical
    /// study's controls (its calibration split), each with its subjects' sites, named as the experiment's tables name them.</summary>
    private static IEnumerable<CalibrationInput> CalibrationInputs(ModelEvaluation evaluation, ExperimentData data, string scoring)
    {
        IReadOnlyList<string?> Sites(IReadOnlyList<string> ids) => ids.Select(id => data.Subject(id).Site).ToArray();
        if (evaluation.Holdout.Count > 0)
            yield return new CalibrationInput(scoring, MmNormVaeResult.ControlStudyHoldout, evaluation.Holdout.Deviations, Sites(evaluation.Holdout.Scores.SubjectIds));
        if (evaluation.Calibration is { Count: > 0 } clinical)
            yield return new CalibrationInput(scoring, MmNormVaeResult.ClinicalControls, clinical.Deviations, Sites(clinical.Scores.SubjectIds));
    }

    private static StudySummary Summarise(TwoStudySetting setting)
    {
        var control = setting.ControlStudy.Cohort;
        var clinical = setting.ClinicalStudy.Cohort;
        var patients = new[] { ClinicalStage.Preclinical, ClinicalStage.Cdr05, ClinicalStage.Cdr1Plus }
            .ToDictionary(MmNormVaeSummary.GroupOf, stage => clinical.Subjects.Count(s => s.Stage == stage));
        return new StudySummary(control.Name, control.Rows(Split.Train).Count, control.Rows(Split.Holdout).Count, setting.ControlSites.Select(s => s.Name).ToArray(),
            clinical.Name, clinical.Rows(s => s.Split == Split.Train && s.Group == SubjectGroup.Control).Count,
            clinical.Rows(s => s.Split == Split.Holdout && s.Group == SubjectGroup.Control).Count, patients, setting.ClinicalSites.Select(s => s.Name).ToArray(),
            control.Modalities.ToDictionary(m => m.Name, m => m.Regions.Count));
    }
}
