using Normative.Deviation;

namespace Normative.Tests.Deviation;

public class CorrelationTests
{
    private static readonly double[] X = [1, 2, 3, 4, 5];
    private static readonly double[] Y = [2, 4, 5, 4, 5];

    [Fact]
    public void Pearson_by_hand()
    {
        // Deviations (-2,-1,0,1,2) and (-2,0,1,0,1): r = 6 / sqrt(10 * 6); t = r sqrt(3/(1 - r^2)) = 2.1213203 on 3 df;
        // two-sided p by numerical integration of the t density = 0.1240271.
        var result = PearsonCorrelation.Compute(X, Y);
        Assert.Equal(0.7745966692414834, result.Coefficient, 12);
        Assert.Equal(0.1240270626575542, result.PValue, 7);
        Assert.Equal((5, 3, CorrelationMethod.Pearson), (result.Count, result.DegreesOfFreedom, result.Method));
    }

    [Fact]
    public void Spearman_uses_average_ranks_for_ties()
    {
        // Ranks of Y = (1, 2.5, 4.5, 2.5, 4.5); r = 7 / sqrt(10 * 9); t = 1.8935062 on 3 df; p (numerical integration) = 0.1546185.
        var result = SpearmanCorrelation.Compute(X, Y);
        Assert.Equal(0.7378647873726218, result.Coefficient, 12);
        Assert.Equal(0.15461852312844873, result.PValue, 7);
    }

    [Fact]
    public void Perfect_and_monotone_relations()
    {
        var linear = PearsonCorrelation.Compute(X, X.Select(v => 2 * v + 1).ToArray());
        var monotone = SpearmanCorrelation.Compute(X, X.Select(v => -Math.Exp(v)).ToArray());
        Assert.Equal(1.0, linear.Coefficient, 12);
        Assert.Equal(-1.0, monotone.Coefficient, 12);
        Assert.True(linear.PValue < 1e-12 && monotone.PValue < 1e-12);
    }

    [Fact]
    public void Outcome_only_adjustment_correlates_x_with_the_residual_of_y()
    {
        double[] x = [3, 1, 4, 1, 5, 9, 2, 6];
        double[] y = [2, 7, 1, 8, 2, 8, 1, 8];
        double[] age = [60, 65, 70, 72, 75, 80, 68, 77];
        // Independent path: simple-regression residual of y on age (slope = cov/var), then Pearson by the textbook formula.
        double[] residual = SimpleResidual(y, age);
        double expected = HandPearson(x, residual);

        var result = CovariateAdjustedCorrelation.Compute(x, y, Column(age));
        Assert.Equal(expected, result.Coefficient, 10);
        Assert.Equal(6, result.DegreesOfFreedom);
    }

    [Fact]
    public void Both_adjustment_is_the_partial_correlation_and_tolerates_collinear_one_hot_columns()
    {
        double[] x = [3, 1, 4, 1, 5, 9, 2, 6, 5, 3];
        double[] y = [2, 7, 1, 8, 2, 8, 1, 8, 2, 8];
        double[] female = [1, 0, 1, 1, 0, 0, 1, 0, 1, 0];
        double expected = HandPearson(SimpleResidual(x, female), SimpleResidual(y, female));

        // Both one-hot columns next to the intercept span the same space as one column.
        var oneHot = new double[10, 2];
        for (int i = 0; i < 10; i++) (oneHot[i, 0], oneHot[i, 1]) = (female[i], 1 - female[i]);
        var result = CovariateAdjustedCorrelation.Compute(x, y, oneHot, CorrelationMethod.Pearson, CovariateAdjustment.Both);
        Assert.Equal(expected, result.Coefficient, 10);
        Assert.Equal(10 - 2 - 1, result.DegreesOfFreedom);
    }

    [Fact]
    public void Invalid_inputs_are_named()
    {
        Assert.Throws<ArgumentException>(() => PearsonCorrelation.Compute([1, 2, 3], [1, 2]));
        Assert.Contains("constant", Assert.Throws<ArgumentException>(() => PearsonCorrelation.Compute([1, 2, 3], [4, 4, 4])).Message);
        Assert.Contains("rows", Assert.Throws<ArgumentException>(() => CovariateAdjustedCorrelation.Compute(X, Y, new double[4, 1])).Message);
    }

    private static double[,] Column(double[] values)
    {
        var c = new double[values.Length, 1];
        for (int i = 0; i < values.Length; i++) c[i, 0] = values[i];
        return c;
    }

    private static double[] SimpleResidual(double[] y, double[] c)
    {
        double my = y.Average(), mc = c.Average();
        double slope = y.Zip(c, (a, b) => (a - my) * (b - mc)).Sum() / c.Sum(b => (b - mc) * (b - mc));
        return y.Zip(c, (a, b) => a - my - slope * (b - mc)).ToArray();
    }

    private static double HandPearson(double[] a, double[] b)
    {
        double ma = a.Average(), mb = b.Average();
        double sab = 0, saa = 0, sbb = 0;
        for (int i = 0; i < a.Length; i++)
        {
            sab += (a[i] - ma) * (b[i] - mb);
            saa += (a[i] - ma) * (a[i] - ma);
            sbb += (b[i] - mb) * (b[i] - mb);
        }
        return sab / Math.Sqrt(saa * sbb);
    }
}
