using Normative.Aggregation;
using Normative.Data.Synthetic;
using Normative.Models;

namespace Normative.Experiments;

/// <summary>The methods of the paper's Table 1 (and the extra seeds' models), in the paper's row order.</summary>
public static class MethodCatalogue
{
    private const string Mri = SyntheticModalities.Mri;
    private const string Amyloid = SyntheticModalities.Amyloid;

    /// <summary>
    /// Every row of Table 1 A/B: mmSIVAE and mmVAE x {MoPoE, PoE, MoE}; SIVAE on MRI+amyloid concatenated,
    /// MRI only, amyloid only; the unimodal VAE; mmJSD, JMVAE, MVTCAE; then MMVM and JNF as extra rows.
    /// Rows whose model is not registered in this build are left out by <see cref="Available"/>.
    /// </summary>
    public static IReadOnlyList<MethodSpec> Table1 { get; } =
    [
        new("mmSIVAE (MoPoE)", "mmSIVAE", "mmsivae", AggregatorKind.MoPoE),
        new("mmSIVAE (PoE)", "mmSIVAE", "mmsivae", AggregatorKind.PoE),
        new("mmSIVAE (MoE)", "mmSIVAE", "mmsivae", AggregatorKind.MoE),
        new("mmVAE (MoPoE)", "mmVAE", "mmvae", AggregatorKind.MoPoE),
        new("mmVAE (PoE)", "mmVAE", "mmvae", AggregatorKind.PoE),
        new("mmVAE (MoE)", "mmVAE", "mmvae", AggregatorKind.MoE),
        new("SIVAE (MRI+Amyloid)", "Unimodal baselines", "sivae"),
        new("SIVAE (MRI)", "Unimodal baselines", "sivae", null, [Mri]),
        new("SIVAE (Amyloid)", "Unimodal baselines", "sivae", null, [Amyloid]),
        new("VAE (MRI+Amyloid)", "Unimodal baselines", "vae"),
        new("mmJSD", "Multimodal baselines", "mmjsd"),
        new("JMVAE", "Multimodal baselines", "jmvae"),
        new("MVTCAE", "Multimodal baselines", "mvtcae"),
        new("MMVM VAE", "Other seeds' models", "mmvm"),
        new("JNF", "Other seeds' models", "jnf"),
        new("JNF-Shared", "Other seeds' models", "jnf-shared"),
    ];

    /// <summary>The Table 1 rows whose model this build can train.</summary>
    public static IReadOnlyList<MethodSpec> Available =>
        Table1.Where(m => ModelRegistry.All.Any(d => string.Equals(d.Name, m.Model, StringComparison.OrdinalIgnoreCase))).ToArray();

    /// <summary>
    /// Methods named by <paramref name="keys"/>: method keys ("mmsivae-mopoe", "sivae-mri"), model names
    /// ("mmsivae": every row of that model) or "all". The key "baseline" names the no-model baseline, which every grid
    /// scores anyway (<see cref="GridOptions.IncludeBaseline"/>); it is accepted and trains nothing.
    /// </summary>
    public static IReadOnlyList<MethodSpec> Select(IEnumerable<string> keys)
    {
        var available = Available;
        var chosen = new List<MethodSpec>();
        bool baseline = false;
        foreach (var raw in keys)
        {
            string key = raw.Trim().ToLowerInvariant();
            if (key.Length == 0) continue;
            if (key == BaselineEvaluation.Method.Key)
            {
                baseline = true;
                continue;
            }
            var matches = key == "all" ? available
                : available.Where(m => m.Key == key || m.Model == key).ToArray();
            if (matches.Count == 0)
                throw new ArgumentException($"Unknown method '{raw}'. Known: all, {string.Join(", ", available.Select(m => m.Key))} (or a model name: {string.Join(", ", available.Select(m => m.Model).Distinct())}).");
            foreach (var m in matches)
                if (!chosen.Contains(m)) chosen.Add(m);
        }
        if (baseline && chosen.Count == 0)
            throw new ArgumentException("'baseline' alone trains nothing: name at least one model to compare with the no-model baseline (it is always included).");
        return chosen;
    }

    /// <summary>
    /// As <see cref="Select"/>, but a key naming a catalogue row whose model is not registered in this build is set
    /// aside in <see cref="MethodSelection.NotRegistered"/> instead of failing: a notebook written ahead of a model
    /// runs with the models that exist. A key that names no catalogue row at all is still an error.
    /// </summary>
    public static MethodSelection SelectAvailable(IEnumerable<string> keys)
    {
        var available = new List<string>();
        var notRegistered = new List<string>();
        foreach (var raw in keys)
        {
            string key = raw.Trim().ToLowerInvariant();
            if (key.Length == 0) continue;
            bool catalogued = key == "all" || Table1.Any(m => m.Key == key || m.Model == key);
            bool trainable = key == "all" || Available.Any(m => m.Key == key || m.Model == key);
            if (catalogued && !trainable) notRegistered.Add(key);
            else available.Add(key);
        }
        return new MethodSelection(Select(available), notRegistered);
    }
}
