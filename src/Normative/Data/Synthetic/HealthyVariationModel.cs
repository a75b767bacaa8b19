namespace Normative.Data.Synthetic;

/// <summary>
/// Healthy between-subject variation of both modalities, in standard units per region (mean 0, variance 1):
/// <c>e_r = sqrt(a_sh) s_r(u) + sqrt(a_g) G + sqrt(a_sys) S_system(r) + sqrt(a_pair) P_structure(r) + sqrt(a_u) eps_r</c>.
/// <c>s_r(u) = l_r . (tanh(W u + b) - mu_h) / sd_r</c> is a nonlinear function of a few latent factors
/// u ~ N(0, I) shared by both modalities (what correlates MRI with amyloid in controls); G, S and P are
/// modality-specific global, anatomical-system and left/right-pair factors; eps is region noise.
/// </summary>
/// <remarks>
/// The structure (W, b, loadings) comes from the parameters' structure seed, so every cohort seed samples
/// the same population. Correlation targets (domain-notes §3.6): MRI homologous pairs ~0.75, same system
/// ~0.4, across systems ~0.2, ventricles/choroid negative; amyloid cortex ~0.5, pairs ~0.85.
/// </remarks>
internal sealed class HealthyVariationModel
{
    /// <summary>Monte-Carlo draws used to standardise the shared component (fixed, from the structure seed).</summary>
    private const int StandardisationDraws = 20_000;

    private readonly double[,] _w;
    private readonly double[] _b;
    private readonly double[] _hiddenMean;
    private readonly ModalityStructure[] _modalities;

    public HealthyVariationModel(SyntheticCohortParameters parameters, RegionSet regions)
    {
        var shared = parameters.SharedLatent;
        var structure = new SeededSampler(parameters.StructureSeed);
        Dimension = shared.Dimension;
        int h = shared.HiddenUnits;
        _w = new double[h, Dimension];
        _b = new double[h];
        for (int k = 0; k < h; k++)
        {
            for (int d = 0; d < Dimension; d++) _w[k, d] = structure.Normal();
            _b[k] = structure.Normal(0, 0.5);
        }
        var global = Draw(structure, h);
        (_hiddenMean, var hiddenCov) = HiddenMoments(structure);
        _modalities =
        [
            new ModalityStructure(parameters.VarianceComponents[SyntheticModalities.Mri], regions, shared, global, hiddenCov, structure,
                r => r.System == "csf" ? -1 : 1),
            new ModalityStructure(parameters.VarianceComponents[SyntheticModalities.Amyloid], regions, shared, global, hiddenCov, structure,
                _ => 1),
        ];
    }

    /// <summary>Number of shared latent factors u.</summary>
    public int Dimension { get; }

    /// <summary>One subject's shared factors u and standardised healthy deviations per modality (MRI, amyloid).</summary>
    public (double[] Shared, double[][] Deviations) Sample(SeededSampler rng)
    {
        var u = Draw(rng, Dimension);
        var hidden = Hidden(u);
        for (int k = 0; k < hidden.Length; k++) hidden[k] -= _hiddenMean[k];
        return (u, _modalities.Select(m => m.Sample(hidden, rng)).ToArray());
    }

    private double[] Hidden(double[] u)
    {
        var hidden = new double[_b.Length];
        for (int k = 0; k < hidden.Length; k++)
        {
            double a = _b[k];
            for (int d = 0; d < u.Length; d++) a += _w[k, d] * u[d];
            hidden[k] = Math.Tanh(a);
        }
        return hidden;
    }

    private (double[] Mean, double[,] Covariance) HiddenMoments(SeededSampler structure)
    {
        int h = _b.Length;
        var mean = new double[h];
        var second = new double[h, h];
        for (int n = 0; n < StandardisationDraws; n++)
        {
            var x = Hidden(Draw(structure, Dimension));
            for (int a = 0; a < h; a++)
            {
                mean[a] += x[a];
                for (int c = 0; c < h; c++) second[a, c] += x[a] * x[c];
            }
        }
        for (int a = 0; a < h; a++) mean[a] /= StandardisationDraws;
        var cov = new double[h, h];
        for (int a = 0; a < h; a++)
            for (int c = 0; c < h; c++) cov[a, c] = second[a, c] / StandardisationDraws - mean[a] * mean[c];
        return (mean, cov);
    }

    private static double[] Draw(SeededSampler rng, int n)
    {
        var x = new double[n];
        for (int i = 0; i < n; i++) x[i] = rng.Normal();
        return x;
    }

    /// <summary>The loadings and factor memberships of one modality's regions.</summary>
    private sealed class ModalityStructure
    {
        private readonly VarianceComponents _shares;
        private readonly double[][] _loadings;
        private readonly double[] _loadingSd;
        private readonly int[] _sign;
        private readonly int[] _system;
        private readonly int[] _pair;
        private readonly int _systemCount;
        private readonly int _pairCount;

        public ModalityStructure(VarianceComponents shares, RegionSet regions, SharedLatentParameters shared,
            double[] global, double[,] hiddenCov, SeededSampler structure, Func<Region, int> sign)
        {
            _shares = shares;
            var list = regions.Regions;
            var systems = list.Select(r => r.System).Distinct().ToList();
            var pairs = list.Where(r => r.Hemisphere != Hemisphere.Midline).Select(r => r.Structure).Distinct().ToList();
            _systemCount = systems.Count;
            _pairCount = pairs.Count;
            var systemDirections = systems.Select(_ => Draw(structure, shared.HiddenUnits)).ToArray();
            _sign = list.Select(sign).ToArray();
            _system = list.Select(r => systems.IndexOf(r.System)).ToArray();
            _pair = list.Select(r => r.Hemisphere == Hemisphere.Midline ? -1 : pairs.IndexOf(r.Structure)).ToArray();
            _loadings = new double[list.Count][];
            _loadingSd = new double[list.Count];
            for (int r = 0; r < list.Count; r++)
            {
                var own = Draw(structure, shared.HiddenUnits);
                var l = new double[shared.HiddenUnits];
                for (int k = 0; k < l.Length; k++)
                    l[k] = _sign[r] * shared.GlobalWeight * global[k] + shared.SystemWeight * systemDirections[_system[r]][k] + shared.RegionWeight * own[k];
                _loadings[r] = l;
                double variance = 0;
                for (int a = 0; a < l.Length; a++)
                    for (int c = 0; c < l.Length; c++) variance += l[a] * hiddenCov[a, c] * l[c];
                _loadingSd[r] = Math.Sqrt(variance);
            }
        }

        public double[] Sample(double[] centredHidden, SeededSampler rng)
        {
            double g = rng.Normal();
            var systems = Draw(rng, _systemCount);
            var pairs = Draw(rng, _pairCount);
            var e = new double[_loadings.Length];
            for (int r = 0; r < e.Length; r++)
            {
                double s = 0;
                for (int k = 0; k < centredHidden.Length; k++) s += _loadings[r][k] * centredHidden[k];
                double pairShare = _pair[r] >= 0 ? _shares.Pair : 0;
                e[r] = Math.Sqrt(_shares.Shared) * s / _loadingSd[r]
                     + Math.Sqrt(_shares.Global) * _sign[r] * g
                     + Math.Sqrt(_shares.System) * systems[_system[r]]
                     + (_pair[r] >= 0 ? Math.Sqrt(pairShare) * pairs[_pair[r]] : 0)
                     // Unpaired (midline) regions take the pair share as extra unique noise, keeping variance 1.
                     + Math.Sqrt(_shares.Unique + _shares.Pair - pairShare) * rng.Normal();
            }
            return e;
        }
    }
}
