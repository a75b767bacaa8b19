using Normative.Data;
using Normative.Deviation;

namespace Normative.Experiments;

/// <summary>
/// The deviation references a saved model carries (<c>references.json</c> beside <c>model.json</c>), so new
/// subjects are scored from the model alone: the conventions they were fitted under, the training controls'
/// subject ids (to mark anyone scored in-sample), and per observed-modality pattern the reference sample —
/// the training controls' latents and regional errors scored from that pattern — from which the references
/// (locations, covariances, thresholds, z-score statistics) are refitted deterministically when loaded.
/// </summary>
/// <remarks>
/// Why the sample rather than only the fitted matrices: the empirical and cross-fitted thresholds are
/// functions of the sample itself, and refitting the same sample with the same seed gives the very numbers
/// the training run had. The file holds derived vectors (latents, squared or absolute errors of z-scored
/// regions), no raw volumes or SUVRs.
/// </remarks>
public sealed record SavedReferences
{
    /// <summary>File name inside a checkpoint directory.</summary>
    public const string FileName = "references.json";

    /// <summary>Version of this layout.</summary>
    public const int CurrentFormatVersion = 1;

    public int FormatVersion { get; init; } = CurrentFormatVersion;

    /// <summary>The conventions the references were fitted under (and are refitted under by default).</summary>
    public required DeviationConventions Conventions { get; init; }

    /// <summary>Every modality's error block, in model order.</summary>
    public required IReadOnlyList<FeatureBlock> Blocks { get; init; }

    /// <summary>Ids of the training controls (the model's own training subjects).</summary>
    public required IReadOnlyList<string> TrainingSubjects { get; init; }

    /// <summary>One reference sample per pattern the model can score.</summary>
    public required IReadOnlyList<PatternSample> Patterns { get; init; }

    /// <summary>
    /// The pooled out-of-sample distances of a whole-pipeline cross-fit (<c>train --cross-fit K</c>, <see cref="CrossFitting"/>),
    /// whose (1 - alpha) quantiles replace the conventions' thresholds when the references are refitted; null without one.
    /// </summary>
    public CrossFitSample? CrossFit { get; init; }

    /// <summary>Per pattern key the training controls' out-of-sample D_ml^2 and D_mf^2 from K fold models.</summary>
    /// <param name="Folds">K.</param>
    /// <param name="LatentDistances">Pattern key to pooled D_ml^2.</param>
    /// <param name="FeatureDistances">Pattern key to pooled D_mf^2.</param>
    public sealed record CrossFitSample(int Folds, IReadOnlyDictionary<string, double[]> LatentDistances, IReadOnlyDictionary<string, double[]> FeatureDistances);

    /// <summary>The training controls' latents [n, d] and observed-region errors [n, R_S] when scored from <see cref="Modalities"/> alone.</summary>
    /// <param name="Modalities">The pattern key, e.g. <c>mri+amyloid</c> or <c>mri</c>.</param>
    /// <param name="Latents">Rows of latents.</param>
    /// <param name="Errors">Rows of errors over the pattern's regions, in block order.</param>
    public sealed record PatternSample(string Modalities, double[][] Latents, double[][] Errors);

    /// <summary>Builds the file's content from reference inputs (<see cref="PatternReferences.TrainingInputs"/>).</summary>
    public static SavedReferences From(IReadOnlyList<FeatureBlock> blocks, IReadOnlyDictionary<ModalityPattern, DeviationInputs> inputs,
        DeviationConventions conventions, IReadOnlyList<string> trainingSubjects)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var patterns = inputs.OrderByDescending(p => p.Key.Modalities.Count).ThenBy(p => p.Key.Key, StringComparer.Ordinal).Select(p =>
        {
            var restricted = p.Value.Restrict(Enumerable.Range(0, p.Value.Count).ToArray(), p.Key);
            return new PatternSample(p.Key.Key, Rows(restricted.Latents), Rows(restricted.RegionalErrors));
        }).ToArray();
        return new SavedReferences { Conventions = conventions, Blocks = blocks.ToArray(), TrainingSubjects = trainingSubjects.ToArray(), Patterns = patterns };
    }

    /// <summary>Refits the references under <paramref name="conventions"/> (default: the saved ones); with a <see cref="CrossFit"/>,
    /// its thresholds (at the conventions' alpha) replace the conventions' own.</summary>
    /// <exception cref="ArgumentException">The conventions' error kind differs from the saved sample's.</exception>
    public NormativeReferenceSet Fit(DeviationConventions? conventions = null)
    {
        conventions ??= Conventions;
        if (conventions.ErrorKind != Conventions.ErrorKind)
            throw new ArgumentException($"The model's reference sample holds {Conventions.ErrorKind.ToString().ToLowerInvariant()} regional errors, but the conventions ask for {conventions.ErrorKind.ToString().ToLowerInvariant()} ones; use conventions with {Conventions.ErrorKind.ToString().ToLowerInvariant()} errors or retrain.", nameof(conventions));
        var inputs = new Dictionary<ModalityPattern, DeviationInputs>();
        foreach (var sample in Patterns)
        {
            var pattern = ModalityPattern.Parse(sample.Modalities);
            var blocks = Blocks.Where(b => pattern.Contains(b.Modality)).ToArray();
            var latents = Matrix(sample.Latents, $"{FileName}: patterns[{sample.Modalities}].latents");
            var errors = Matrix(sample.Errors, $"{FileName}: patterns[{sample.Modalities}].errors");
            var split = new List<double[,]>();
            int offset = 0;
            foreach (var block in blocks)
            {
                var part = new double[errors.GetLength(0), block.Width];
                for (int i = 0; i < errors.GetLength(0); i++)
                    for (int j = 0; j < block.Width; j++) part[i, j] = errors[i, offset + j];
                split.Add(part);
                offset += block.Width;
            }
            if (offset != errors.GetLength(1))
                throw new InvalidDataException($"{FileName}: pattern {sample.Modalities} has {errors.GetLength(1)} error columns; its modalities have {offset} regions.");
            var observed = new bool[latents.GetLength(0), blocks.Length];
            for (int i = 0; i < latents.GetLength(0); i++)
                for (int m = 0; m < blocks.Length; m++) observed[i, m] = true;
            var restricted = new DeviationInputs(latents, blocks.Select(b => b.Modality).ToArray(), split, observed, Conventions.ErrorKind);
            inputs[pattern] = Expand(restricted, pattern);
        }
        var references = NormativeReferenceSet.Fit(Blocks, inputs, conventions);
        return CrossFit is { } x ? CrossFitting.WithThresholds(references, x.LatentDistances, x.FeatureDistances) : references;
    }

    public void Save(string directory) => File.WriteAllText(Path.Combine(directory, FileName), DataJson.Write(this));

    /// <summary>Reads <c>references.json</c> from a checkpoint directory, or null when the checkpoint has none.</summary>
    public static SavedReferences? Load(string directory)
    {
        string path = Path.Combine(directory, FileName);
        if (!File.Exists(path)) return null;
        var saved = DataJson.Read<SavedReferences>(path);
        if (saved.FormatVersion != CurrentFormatVersion)
            throw new InvalidDataException($"{path} has format version {saved.FormatVersion}; this version reads {CurrentFormatVersion}.");
        return saved;
    }

    /// <summary>Places a pattern's restricted inputs back into the full block layout (NaN for the absent modalities).</summary>
    private DeviationInputs Expand(DeviationInputs restricted, ModalityPattern pattern)
    {
        int n = restricted.Count;
        var errors = new List<double[,]>();
        var observed = new bool[n, Blocks.Count];
        int source = 0;
        for (int m = 0; m < Blocks.Count; m++)
        {
            var block = new double[n, Blocks[m].Width];
            bool present = pattern.Contains(Blocks[m].Modality);
            for (int i = 0; i < n; i++)
            {
                observed[i, m] = present;
                for (int j = 0; j < Blocks[m].Width; j++) block[i, j] = present ? restricted.RegionalErrors[i, source + j] : double.NaN;
            }
            if (present) source += Blocks[m].Width;
            errors.Add(block);
        }
        return new DeviationInputs(restricted.Latents, Blocks.Select(b => b.Modality).ToArray(), errors, observed, restricted.ErrorKind);
    }

    private static double[][] Rows(double[,] matrix) =>
        Enumerable.Range(0, matrix.GetLength(0)).Select(i => Enumerable.Range(0, matrix.GetLength(1)).Select(j => matrix[i, j]).ToArray()).ToArray();

    private static double[,] Matrix(double[][] rows, string what)
    {
        if (rows.Length == 0) throw new InvalidDataException($"{what} is empty.");
        int columns = rows[0].Length;
        var matrix = new double[rows.Length, columns];
        for (int i = 0; i < rows.Length; i++)
        {
            if (rows[i].Length != columns) throw new InvalidDataException($"{what} row {i + 1} has {rows[i].Length} values; row 1 has {columns}.");
            for (int j = 0; j < columns; j++) matrix[i, j] = rows[i][j];
        }
        return matrix;
    }
}
