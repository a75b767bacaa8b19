using Normative.Data;
using Normative.Data.Synthetic;

namespace Normative.Experiments.MmNormVae;

/// <summary>
/// How well one patient group's deviation map (mean regional deviation per region) finds the regions the generator planted
/// atrophy in: the claim behind "significant regions" checked against the clinical study's ground truth.
/// </summary>
/// <param name="PlantedRegions">Regions whose planted effect on the model's scale is at least <see cref="PlantedTruthValidation.DefaultPlantedThreshold"/> in magnitude.</param>
/// <param name="OtherRegions">The remaining regions.</param>
/// <param name="Recovery">AUROC of the mean deviation for planted against other regions (none with fewer than
/// <see cref="PlantedTruthValidation.MinimumUnplantedRegions"/> other regions), its Spearman correlation with the planted
/// magnitude, and the fraction of planted regions whose mean deviation is above the norm.</param>
public sealed record PlantedRegionRecovery(string Handling, string Method, int Seed, string Group, int PlantedRegions, int OtherRegions, RecoveryMetrics Recovery);

/// <summary>
/// The planted-truth check of the mmNormVAE experiment. The regional deviation is a z-score of a squared error, so it has no
/// sign: atrophy and enlargement (ventricles) both raise it. It is therefore compared with the planted effect's magnitude
/// |E| / ICV / sd, on the same scale as <see cref="PlantedTruthValidation"/> uses for the paper's cohort.
/// </summary>
internal static class MmNormVaePlantedTruth
{
    /// <summary>Per patient group (<see cref="MmNormVaeSummary.GroupOf"/>), the planted magnitude of every region, keyed by modality and region.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyDictionary<(string Modality, string Region), double>> Planted(ExperimentData data, SyntheticGroundTruth truth)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(truth);
        var result = new Dictionary<string, Dictionary<(string, string), double>>(StringComparer.Ordinal);
        foreach (var modality in data.Train.ModalityNames)
        {
            var regions = data.Preprocessing.Modality(modality).Regions;
            // The feature sets are cut from one MRI draw, whose planted effects the ground truth keeps under "mri" (SyntheticCohortGenerator).
            foreach (var (stage, stageTruth) in PlantedTruthValidation.PlantedEffects(data, truth, modality, SyntheticModalities.Mri))
            {
                var group = result.TryGetValue(MmNormVaeSummary.GroupOf(stage), out var existing) ? existing
                    : result[MmNormVaeSummary.GroupOf(stage)] = new Dictionary<(string, string), double>();
                for (int j = 0; j < regions.Length; j++) group[(modality, regions[j])] = Math.Abs(stageTruth.Scaled[j]);
            }
        }
        return result.ToDictionary(g => g.Key, g => (IReadOnlyDictionary<(string Modality, string Region), double>)g.Value, StringComparer.Ordinal);
    }

    /// <summary>The recovery of each patient group among <paramref name="regions"/> (one run's regional deviations).</summary>
    public static IEnumerable<PlantedRegionRecovery> Of(IReadOnlyList<RegionDeviation> regions,
        IReadOnlyDictionary<string, IReadOnlyDictionary<(string Modality, string Region), double>> planted)
    {
        ArgumentNullException.ThrowIfNull(regions);
        ArgumentNullException.ThrowIfNull(planted);
        foreach (var group in regions.GroupBy(r => r.Group).Where(g => planted.ContainsKey(g.Key)))
        {
            var rows = group.ToArray();
            var magnitude = rows.Select(r => planted[group.Key].TryGetValue((r.Modality, r.Region), out double m) ? m
                : throw new InvalidOperationException($"Region '{r.Region}' ({r.Modality}) has no planted effect in the ground truth.")).ToArray();
            var label = magnitude.Select(m => m >= PlantedTruthValidation.DefaultPlantedThreshold).ToArray();
            var deviation = rows.Select(r => r.MeanDeviation).ToArray();
            // Against the (positive) magnitude, the shared sign agreement is the fraction of planted regions above the norm.
            var recovery = PlantedTruthValidation.Score(deviation, magnitude, label, signed: false);
            var first = rows[0];
            yield return new PlantedRegionRecovery(first.Handling, first.Method, first.Seed, group.Key, label.Count(l => l), label.Count(l => !l), recovery);
        }
    }
}
