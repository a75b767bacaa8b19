using System.Collections.Concurrent;

namespace Normative.Ranking;

/// <summary>
/// The stratified bootstrap replicates of <see cref="StratifiedBootstrap.Weights"/> for one pair of group sizes, drawn once
/// and kept: the replicates depend only on (controls, patients, replicates, seed), so every ranking row and comparison over the
/// same subjects reuses them instead of drawing the same multiplicities again from the same seed (issue 17: redrawing them
/// for each of the ~2000 rows and comparisons of a grid was most of the ranking tables' time).
/// </summary>
internal sealed class BootstrapReplicates
{
    private BootstrapReplicates(int controls, int patients, int[][] weights)
    {
        Controls = controls;
        Patients = patients;
        Weights = weights;
    }

    /// <summary>n_c.</summary>
    public int Controls { get; }

    /// <summary>n_p.</summary>
    public int Patients { get; }

    /// <summary>One multiplicity per subject (controls, then patients) per replicate, in drawing order. Read only.</summary>
    public IReadOnlyList<int[]> Weights { get; }

    /// <summary>Draws the replicates of <paramref name="options"/> (its count and seed) for the given group sizes.</summary>
    public static BootstrapReplicates Draw(int controls, int patients, BootstrapOptions options) =>
        new(controls, patients, StratifiedBootstrap.Weights(controls, patients, options.Replicates, options.Seed).ToArray());

    /// <summary>Replicates drawn at most once per pair of group sizes, safe to share between threads.</summary>
    public sealed class Cache(BootstrapOptions options)
    {
        private readonly ConcurrentDictionary<(int Controls, int Patients), Lazy<BootstrapReplicates>> replicates = new();

        /// <summary>The replicates for <paramref name="controls"/> controls and <paramref name="patients"/> patients.</summary>
        public BootstrapReplicates For(int controls, int patients) =>
            replicates.GetOrAdd((controls, patients), key => new Lazy<BootstrapReplicates>(() => Draw(key.Controls, key.Patients, options))).Value;
    }
}
