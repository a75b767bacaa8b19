using TorchSharp;
using static TorchSharp.torch;

namespace Normative.Data;

/// <summary>
/// Everything fitted on the training controls that turns raw cohort values into model inputs: per-modality
/// scaling (ICV division, z-score) and the covariate encoding. Model checkpoints store it (<see cref="ToJson"/>)
/// so a trained model scores new subjects with exactly the training normalisation.
/// </summary>
/// <param name="FormatVersion">Version of this JSON layout.</param>
/// <param name="Modalities">Scaling per modality, in model order.</param>
/// <param name="Covariates">Covariate encoding.</param>
public sealed record PreprocessingState(int FormatVersion, ModalityScaling[] Modalities, CovariateEncoding Covariates)
{
    /// <summary>
    /// ComBat site harmonisation per modality name, applied to the ICV-divided values before z-scoring; null when
    /// the model was trained without harmonisation. Fitted on the training controls only.
    /// </summary>
    public IReadOnlyDictionary<string, Harmonisation.ComBat>? Harmonisation { get; init; }

    public string ToJson() => DataJson.Write(this);

    public static PreprocessingState FromJson(string json) => DataJson.Parse<PreprocessingState>(json, "preprocessing state");

    /// <summary>The scaling of modality <paramref name="name"/>.</summary>
    public ModalityScaling Modality(string name) =>
        Modalities.FirstOrDefault(m => m.Name == name)
        ?? throw new ArgumentException($"The preprocessing state has no modality '{name}'.", nameof(name));

    /// <summary>
    /// The state restricted to modalities <paramref name="names"/>, in that order (with their harmonisation): what a
    /// model that reads only those needs, so a cohort without the others can still be transformed for it.
    /// </summary>
    public PreprocessingState Only(IReadOnlyList<string> names)
    {
        ArgumentNullException.ThrowIfNull(names);
        return this with
        {
            Modalities = names.Select(Modality).ToArray(),
            Harmonisation = Harmonisation?.Where(p => names.Contains(p.Key)).ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal),
        };
    }

    /// <summary>Model inputs of the cohort rows <paramref name="rows"/> (the caller owns the result).</summary>
    /// <remarks>A subject without a modality gets <c>Observed = false</c> and a zero row (see <see cref="SubjectTensors"/>).</remarks>
    public SubjectTensors Transform(Cohort cohort, IReadOnlyList<int> rows)
    {
        ArgumentNullException.ThrowIfNull(cohort);
        ArgumentNullException.ThrowIfNull(rows);
        var tables = Modalities.Select(m => MatchingTable(cohort, m)).ToArray();
        int n = rows.Count, c = Covariates.Width;
        var covariates = new float[n * c];
        var observed = new bool[n * Modalities.Length];
        var values = Modalities.Select(m => new float[n * m.Regions.Length]).ToArray();
        for (int r = 0; r < n; r++)
        {
            var subject = cohort.Subjects[rows[r]];
            Covariates.Encode(subject, covariates.AsSpan(r * c, c));
            for (int m = 0; m < Modalities.Length; m++)
            {
                if (tables[m].Row(rows[r]) is not { } raw) continue;
                observed[r * Modalities.Length + m] = true;
                var z = Normalise(m, raw, subject);
                int p = z.Length;
                for (int j = 0; j < p; j++) values[m][r * p + j] = (float)z[j];
            }
        }
        return new SubjectTensors(
            rows.Select(i => cohort.Subjects[i].Id).ToArray(),
            Modalities.Select(m => m.Name).ToArray(),
            Modalities.Select((m, k) => tensor(values[k], [n, m.Regions.Length], ScalarType.Float32)).ToArray(),
            tensor(covariates, [n, c], ScalarType.Float32),
            tensor(observed, [n, Modalities.Length]));
    }

    /// <summary>z-scores of one subject's raw values of modality <paramref name="m"/>: divide, harmonise (if fitted), standardise.</summary>
    /// <exception cref="Harmonisation.UnseenSiteException">The subject's site was not harmonised.</exception>
    public double[] Normalise(int m, double[] raw, Subject subject)
    {
        var scaling = Modalities[m];
        var divided = scaling.Divide(raw, subject.IcvMm3);
        if (Harmonisation is not null && Harmonisation.TryGetValue(scaling.Name, out var combat))
        {
            string site = subject.Site ?? throw new InvalidOperationException(
                $"Subject '{subject.Id}' has no site, but modality '{scaling.Name}' is harmonised across sites; give every subject a 'site'.");
            divided = combat.Adjust(divided, site, subject.Age, subject.Sex == Sex.Male);
        }
        return scaling.Standardise(divided);
    }

    /// <summary>Model inputs of the subjects with ids <paramref name="subjectIds"/>, in that order.</summary>
    public SubjectTensors Transform(Cohort cohort, IEnumerable<string> subjectIds) =>
        Transform(cohort, subjectIds.Select(id => cohort.IndexOf(id) is int i and >= 0 ? i
            : throw new ArgumentException($"Subject '{id}' is not in cohort '{cohort.Name}'.", nameof(subjectIds))).ToArray());

    /// <summary>Model inputs of split <paramref name="split"/>.</summary>
    public SubjectTensors Transform(Cohort cohort, Split split) => Transform(cohort, cohort.Rows(split));

    /// <summary>The training controls (split train, group control): what models are fitted on.</summary>
    public SubjectTensors TrainTensors(Cohort cohort) => Transform(cohort, cohort.TrainingControlRows);

    /// <summary>The held-out controls (split holdout).</summary>
    public SubjectTensors HoldoutTensors(Cohort cohort) => Transform(cohort, Split.Holdout);

    /// <summary>The calibration controls (split calibration; no rows for a cohort without them).</summary>
    public SubjectTensors CalibrationTensors(Cohort cohort) => Transform(cohort, Split.Calibration);

    /// <summary>The evaluation subjects (split test: the disease cohort).</summary>
    public SubjectTensors PatientTensors(Cohort cohort) => Transform(cohort, Split.Test);

    private static ModalityTable MatchingTable(Cohort cohort, ModalityScaling scaling)
    {
        var table = cohort.Modalities.FirstOrDefault(t => t.Name == scaling.Name)
            ?? throw new ArgumentException($"Cohort '{cohort.Name}' has no modality '{scaling.Name}', which the preprocessing state was fitted on.");
        if (!table.Regions.Ids.SequenceEqual(scaling.Regions))
            throw new ArgumentException($"Modality '{scaling.Name}' of cohort '{cohort.Name}' uses region set '{table.Regions.Name}' but the preprocessing state was fitted on '{scaling.RegionSet}'.");
        if (table.Entry.DividesByIcv != scaling.DividesByIcv)
            throw new ArgumentException($"Modality '{scaling.Name}' of cohort '{cohort.Name}' {(table.Entry.DividesByIcv ? "divides" : "does not divide")} by ICV, unlike the fitted preprocessing state.");
        return table;
    }
}
