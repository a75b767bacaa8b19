namespace Normative.Data.Synthetic;

/// <summary>
/// Staged regional amyloid: a subject with amyloid burden B (SUVR) carries in region r the excess
/// <c>x_r(B) = w_amy,r · B · logistic((B − θ_r) / width) · J_r</c> over its healthy SUVR. θ_r is the burden at which
/// region r is half-way to taking up amyloid (≈ 0 in precuneus and posterior cingulate, where amyloid appears first;
/// ≈ 0.35 in sensorimotor, pericalcarine and medial temporal cortex and the thalamus, reached last), so a small
/// burden stays in the early regions and a large one has spread everywhere (Palmqvist et al. 2017, Nat Commun
/// 8:1214; Thal phases, Thal et al. 2002 Neurology 58:1791). J_r is a log-normal jitter with mean 1 and coefficient
/// of variation <see cref="SyntheticCohortParameters.AmyloidRegionalHeterogeneitySd"/>, correlated between left and
/// right homologues: the subject's own regional heterogeneity.
/// </summary>
internal sealed class AmyloidSpread
{
    /// <summary>Amyloid-positive summaries are drawn at least this far (SUVR) above the cut-off, so that rounding
    /// the written values can never make a positive subject negative.</summary>
    public const double PositivityMargin = 0.002;

    /// <summary>Bisection steps of <see cref="BurdenFor"/>: the bracket shrinks below 1e-12 SUVR long before.</summary>
    private const int BisectionSteps = 100;

    private readonly double[] _weight;
    private readonly double[] _threshold;
    private readonly int[] _summaryRegions;
    private readonly int[] _pair;
    private readonly int _pairCount;
    private readonly double _width;
    private readonly double _logSd;
    private readonly double _pairCorrelation;

    public AmyloidSpread(SyntheticCohortParameters parameters, RegionSet regions, IReadOnlyList<RegionParameters> calibration, int[] summaryRegions)
    {
        _weight = calibration.Select(c => c.WAmy).ToArray();
        _threshold = calibration.Select(c => c.AmyloidThreshold).ToArray();
        _summaryRegions = summaryRegions;
        if (_summaryRegions.All(j => _weight[j] == 0))
            throw new InvalidOperationException($"No amyloid summary region of region set '{regions.Name}' has a positive w_amy; amyloid-positive subjects cannot be planted.");
        var pairs = regions.Regions.Where(r => r.Hemisphere != Hemisphere.Midline).Select(r => r.Structure).Distinct().ToList();
        _pair = regions.Regions.Select(r => r.Hemisphere == Hemisphere.Midline ? -1 : pairs.IndexOf(r.Structure)).ToArray();
        _pairCount = pairs.Count;
        _width = parameters.AmyloidSpreadWidth;
        double cv = parameters.AmyloidRegionalHeterogeneitySd;
        // Log-normal with coefficient of variation cv: sd of the log = sqrt(ln(1 + cv^2)).
        _logSd = Math.Sqrt(Math.Log(1 + cv * cv));
        _pairCorrelation = parameters.AmyloidHeterogeneityPairCorrelation;
    }

    /// <summary>Number of regions.</summary>
    public int Count => _weight.Length;

    /// <summary>A subject's regional jitter J (mean 1), left/right log-correlation as configured.</summary>
    public double[] Jitter(SeededSampler rng)
    {
        var pairZ = new double[_pairCount];
        for (int k = 0; k < pairZ.Length; k++) pairZ[k] = rng.Normal();
        var jitter = new double[Count];
        double shared = Math.Sqrt(_pairCorrelation), own = Math.Sqrt(1 - _pairCorrelation);
        for (int j = 0; j < jitter.Length; j++)
        {
            double z = _pair[j] >= 0 ? shared * pairZ[_pair[j]] + own * rng.Normal() : rng.Normal();
            jitter[j] = Math.Exp(_logSd * z - _logSd * _logSd / 2);
        }
        return jitter;
    }

    /// <summary>Fraction of the burden region <paramref name="region"/> has taken up: logistic((B − θ_r) / width).</summary>
    public double Uptake(int region, double burden) => 1 / (1 + Math.Exp(-(burden - _threshold[region]) / _width));

    /// <summary>Writes x_r(B) of every region into <paramref name="excess"/>.</summary>
    public void Excess(double burden, double[] jitter, double[] excess)
    {
        for (int j = 0; j < excess.Length; j++)
            excess[j] = burden <= 0 ? 0 : _weight[j] * burden * Uptake(j, burden) * jitter[j];
    }

    /// <summary>Mean of x_r(B) over the cortical summary regions: the subject's summary SUVR excess.</summary>
    public double SummaryExcess(double burden, double[] jitter) =>
        burden <= 0 ? 0 : _summaryRegions.Average(j => _weight[j] * burden * Uptake(j, burden) * jitter[j]);

    /// <summary>
    /// The burden whose summary excess is <paramref name="summaryExcess"/> (0 when that is not positive). The summary
    /// excess is B times an increasing function of B, so it increases strictly with B and bisection finds the root.
    /// </summary>
    public double BurdenFor(double summaryExcess, double[] jitter)
    {
        if (!(summaryExcess > 0)) return 0;
        double low = 0, high = 0.1;
        while (SummaryExcess(high, jitter) < summaryExcess) high *= 2;
        for (int step = 0; step < BisectionSteps && high - low > 1e-12; step++)
        {
            double middle = (low + high) / 2;
            if (SummaryExcess(middle, jitter) < summaryExcess) low = middle;
            else high = middle;
        }
        return (low + high) / 2;
    }
}
