using Normative.Data;
using static TorchSharp.torch;

namespace Normative.Tests.TestData;

/// <summary>
/// A tiny seeded two-modality cohort for model tests: three shared latent factors drive both modalities
/// through fixed random nonlinear maps (tanh of a linear map), with an age/sex effect and noise;
/// covariates are one-hot sex (2) and one-hot age band (3).
/// </summary>
internal static class ToyCohort
{
    public static SubjectTensors Create(int subjects, int seed, int features1 = 12, int features2 = 10, double noise = 0.2)
    {
        var random = new Random(seed);
        var weightsRandom = new Random(1234);   // the maps are the same for every cohort so cohorts are comparable
        const int factors = 3;
        var maps = new[] { features1, features2 }.Select(p => Matrix(weightsRandom, factors + 2, p)).ToArray();
        var covariates = new float[subjects * 5];
        var modalities = new[] { new float[subjects * features1], new float[subjects * features2] };
        for (int i = 0; i < subjects; i++)
        {
            int sex = random.Next(2), age = random.Next(3);
            covariates[i * 5 + sex] = 1;
            covariates[i * 5 + 2 + age] = 1;
            var f = Enumerable.Range(0, factors).Select(_ => Gaussian(random)).Append(sex - 0.5).Append(age - 1.0).ToArray();
            for (int m = 0; m < 2; m++)
            {
                int p = maps[m].GetLength(1);
                for (int j = 0; j < p; j++)
                {
                    double s = 0;
                    for (int k = 0; k < f.Length; k++) s += f[k] * maps[m][k, j];
                    modalities[m][i * p + j] = (float)(1.5 * Math.Tanh(s) + noise * Gaussian(random));
                }
            }
        }
        return new SubjectTensors(
            Enumerable.Range(1, subjects).Select(i => $"S{i:D4}").ToArray(),
            ["mri", "pet"],
            [tensor(modalities[0], [subjects, features1]), tensor(modalities[1], [subjects, features2])],
            tensor(covariates, [subjects, 5]));
    }

    /// <summary>The same subjects with modality <paramref name="missing"/> marked unobserved for the given rows,
    /// its values there replaced by <paramref name="fill"/>.</summary>
    public static SubjectTensors WithMissing(SubjectTensors data, int missing, IReadOnlyList<int> rows, float fill)
    {
        var observed = data.Observed.clone();
        var modalities = data.Modalities.Select(t => t.clone()).ToArray();
        foreach (var r in rows)
        {
            observed[r, missing] = tensor(false);
            modalities[missing][r] = full(modalities[missing].shape[1], fill);
        }
        return new SubjectTensors(data.SubjectIds, data.ModalityNames, modalities, data.Covariates.clone(), observed);
    }

    private static double[,] Matrix(Random random, int rows, int columns)
    {
        var w = new double[rows, columns];
        for (int i = 0; i < rows; i++)
            for (int j = 0; j < columns; j++) w[i, j] = Gaussian(random) / Math.Sqrt(rows);
        return w;
    }

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
