using MathNet.Numerics;
using MathNet.Numerics.Distributions;
using MathNet.Numerics.Statistics;

namespace Normative.Deviation;

/// <summary>
/// A calibrated outlier decision for squared distances: the threshold t on D^2, the p-value of a
/// distance, and the flag. chi-square: t = chi2_df^-1(1 - alpha), p = P(chi2_df &gt;= D^2), outlier
/// when p &lt;= alpha. Hotelling prediction: D^2 scaled by n (n - p)/((n + 1)(n - 1) p) against F(p, n - p),
/// same rule. Empirical (in-sample or cross-fitted): t = the (1 - alpha) quantile (linear interpolation)
/// of the training controls' D^2, p = (1 + #{training D^2 &gt;= D^2}) / (n + 1), outlier when D^2 &gt; t.
/// </summary>
/// <remarks>
/// The empirical flag uses the threshold, not the p-value: with n controls the smallest attainable
/// p is 1/(n + 1), larger than alpha = 0.001 for any realistic n. Training controls' own distances are
/// in-sample and so smaller than a new control's; the empirical threshold is optimistic for that reason.
/// </remarks>
public sealed class OutlierThreshold
{
    private readonly Func<double, double> _pValue;
    private readonly Func<double, bool> _isOutlier;

    private OutlierThreshold(ThresholdKind kind, double alpha, double degreesOfFreedom, double squaredDistance,
        Func<double, double> pValue, Func<double, bool> isOutlier, int referenceCount = 0)
    {
        Kind = kind;
        ReferenceCount = referenceCount;
        Alpha = alpha;
        DegreesOfFreedom = degreesOfFreedom;
        SquaredDistance = squaredDistance;
        _pValue = pValue;
        _isOutlier = isOutlier;
    }

    /// <summary>The reference distribution.</summary>
    public ThresholdKind Kind { get; }

    /// <summary>Nominal false-positive rate alpha.</summary>
    public double Alpha { get; }

    /// <summary>chi-square df, or the numerator df p of the Hotelling F; 0 for the empirical threshold.</summary>
    public double DegreesOfFreedom { get; }

    /// <summary>Threshold t on D^2.</summary>
    public double SquaredDistance { get; }

    /// <summary>The n reference distances of an empirical threshold; 0 for the continuous (chi-square, Hotelling) kinds.</summary>
    public int ReferenceCount { get; }

    /// <summary>
    /// The grid step of the p-values: 1 / (n + 1) for the empirical kinds, whose p-values take only the values
    /// k / (n + 1); 0 for the continuous kinds. A calibration check needs it: under exchangeability an empirical
    /// p-value is at most alpha with probability floor(alpha (n + 1)) / (n + 1), not alpha.
    /// </summary>
    public double PValueStep => ReferenceCount == 0 ? 0 : 1.0 / (ReferenceCount + 1);

    /// <summary>p-value of a squared distance under this reference.</summary>
    public double PValue(double squaredDistance) => _pValue(RequireDistance(squaredDistance));

    /// <summary>Whether a squared distance is an outlier under this reference.</summary>
    public bool IsOutlier(double squaredDistance) => _isOutlier(RequireDistance(squaredDistance));

    /// <summary>chi-square threshold with <paramref name="degreesOfFreedom"/> df at level <paramref name="alpha"/>.</summary>
    public static OutlierThreshold ChiSquare(int degreesOfFreedom, double alpha = 0.001)
    {
        if (degreesOfFreedom < 1) throw new ArgumentOutOfRangeException(nameof(degreesOfFreedom), degreesOfFreedom, "chi-square df must be >= 1.");
        RequireAlpha(alpha);
        double k = degreesOfFreedom;
        // The upper regularised gamma keeps tiny tail probabilities exact, unlike 1 - CDF.
        Func<double, double> pValue = d2 => SpecialFunctions.GammaUpperRegularized(k / 2, d2 / 2);
        return new OutlierThreshold(ThresholdKind.ChiSquare, alpha, k, ChiSquared.InvCDF(k, 1 - alpha),
            pValue, d2 => pValue(d2) <= alpha);
    }

    /// <summary>Hotelling prediction threshold for a sample-covariance reference of <paramref name="referenceCount"/> vectors in <paramref name="dimensions"/> dimensions.</summary>
    public static OutlierThreshold HotellingPrediction(int dimensions, int referenceCount, double alpha = 0.001)
    {
        if (dimensions < 1) throw new ArgumentOutOfRangeException(nameof(dimensions), dimensions, "Dimensions must be >= 1.");
        if (referenceCount <= dimensions)
            throw new ArgumentOutOfRangeException(nameof(referenceCount), referenceCount, $"The Hotelling prediction threshold needs more reference vectors than dimensions ({dimensions}).");
        RequireAlpha(alpha);
        double p = dimensions, n = referenceCount, d2f = n - p;
        double scale = n * (n - p) / ((n + 1) * (n - 1) * p);
        // Upper tail of F(p, n - p) at f: I_{(n-p)/((n-p) + p f)}((n - p)/2, p/2), exact for tiny tails.
        Func<double, double> pValue = d2 => SpecialFunctions.BetaRegularized(d2f / 2, p / 2, d2f / (d2f + p * scale * d2));
        return new OutlierThreshold(ThresholdKind.HotellingPrediction, alpha, p, FisherSnedecor.InvCDF(p, d2f, 1 - alpha) / scale,
            pValue, d2 => pValue(d2) <= alpha);
    }

    /// <summary>Empirical threshold from the training controls' own squared distances.</summary>
    public static OutlierThreshold EmpiricalQuantile(IReadOnlyList<double> trainingSquaredDistances, double alpha = 0.001) =>
        Empirical(trainingSquaredDistances, alpha, ThresholdKind.EmpiricalQuantile);

    /// <summary>Empirical threshold from the training controls' cross-fitted squared distances (<see cref="CrossFittedDistances"/>).</summary>
    public static OutlierThreshold CrossFittedQuantile(IReadOnlyList<double> crossFittedSquaredDistances, double alpha = 0.001) =>
        Empirical(crossFittedSquaredDistances, alpha, ThresholdKind.CrossFittedQuantile);

    private static OutlierThreshold Empirical(IReadOnlyList<double> trainingSquaredDistances, double alpha, ThresholdKind kind)
    {
        ArgumentNullException.ThrowIfNull(trainingSquaredDistances);
        ArrayInput.RequireFinite(trainingSquaredDistances, nameof(trainingSquaredDistances));
        ArrayInput.RequireCount(trainingSquaredDistances, 1, nameof(trainingSquaredDistances));
        RequireAlpha(alpha);
        double[] sorted = trainingSquaredDistances.OrderBy(d => d).ToArray();
        double threshold = SortedArrayStatistics.QuantileCustom(sorted, 1 - alpha, QuantileDefinition.R7);
        int n = sorted.Length;
        Func<double, double> pValue = d2 =>
        {
            int atLeast = n - LowerBound(sorted, d2);
            return (1.0 + atLeast) / (n + 1.0);
        };
        return new OutlierThreshold(kind, alpha, 0, threshold, pValue, d2 => d2 > threshold, n);
    }

    private static int LowerBound(double[] sorted, double value)
    {
        int lo = 0, hi = sorted.Length;
        while (lo < hi)
        {
            int mid = (lo + hi) / 2;
            if (sorted[mid] < value) lo = mid + 1; else hi = mid;
        }
        return lo;
    }

    private static void RequireAlpha(double alpha)
    {
        if (!(alpha > 0 && alpha < 1)) throw new ArgumentOutOfRangeException(nameof(alpha), alpha, "alpha must lie in (0, 1).");
    }

    private static double RequireDistance(double squaredDistance)
    {
        if (!(squaredDistance >= 0) || double.IsPositiveInfinity(squaredDistance))
            throw new ArgumentOutOfRangeException(nameof(squaredDistance), squaredDistance, "A squared distance must be finite and >= 0.");
        return squaredDistance;
    }
}
