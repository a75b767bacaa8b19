namespace Normative.Deviation;

/// <summary>
/// Normative references for subjects that lack some modality: one <see cref="NormativeReference"/> per
/// observed-modality pattern S (e.g. <c>mri+amyloid</c> and <c>mri</c>), each fitted on the training controls
/// scored from S alone and restricted to S's features. A subject is scored against the reference of its own
/// pattern: D_ml against the controls' subset-posterior latents, D_mf and Z_mf over its observed regions only.
/// </summary>
/// <remarks>
/// Why refit per pattern instead of taking the sub-covariance of the complete reference: a subject without
/// PET is encoded by the MRI subset posterior and its MRI is reconstructed from that latent, so both its
/// latent and its MRI errors follow a different distribution from the complete controls'. The reference
/// must be the controls scored the same way. For the sample covariance, fitting on S's columns of the same
/// vectors gives exactly the S x S block of the full covariance (the Gaussian marginal); robust and
/// shrinkage estimators are refitted on those columns (the marginal of the estimate is not what they
/// would estimate from the marginal data). Thresholds follow each pattern's dimension (chi-square df = |S|
/// features, or the empirical quantile of that pattern's controls).
/// </remarks>
public sealed class NormativeReferenceSet
{
    private readonly Dictionary<ModalityPattern, NormativeReference> _references;

    private NormativeReferenceSet(IReadOnlyList<FeatureBlock> blocks, DeviationConventions conventions, Dictionary<ModalityPattern, NormativeReference> references)
    {
        Blocks = blocks;
        Conventions = conventions;
        _references = references;
    }

    /// <summary>
    /// Fits one reference per pattern. <paramref name="trainingControls"/> maps each pattern to the training
    /// controls scored from that pattern's modalities alone (unobserved modalities masked out).
    /// </summary>
    /// <param name="blocks">Every modality's block, in model order (what scored groups carry).</param>
    /// <param name="trainingControls">Per pattern the controls' inputs; each row must observe the whole pattern.</param>
    /// <param name="conventions">Estimators, error kind, outlier rule.</param>
    public static NormativeReferenceSet Fit(IReadOnlyList<FeatureBlock> blocks, IReadOnlyDictionary<ModalityPattern, DeviationInputs> trainingControls,
        DeviationConventions conventions)
    {
        ArgumentNullException.ThrowIfNull(blocks);
        ArgumentNullException.ThrowIfNull(trainingControls);
        ArgumentNullException.ThrowIfNull(conventions);
        if (trainingControls.Count == 0) throw new ArgumentException("At least one pattern is required.", nameof(trainingControls));
        var references = new Dictionary<ModalityPattern, NormativeReference>();
        foreach (var (pattern, inputs) in trainingControls)
        {
            foreach (var name in pattern.Modalities)
            {
                if (!blocks.Any(b => b.Modality == name))
                    throw new ArgumentException($"Pattern {pattern} names modality '{name}', which is not among {string.Join(", ", blocks.Select(b => b.Modality))}.", nameof(trainingControls));
            }
            var all = Enumerable.Range(0, inputs.Count).ToArray();
            try
            {
                references[pattern] = NormativeReference.Fit(inputs.Restrict(all, pattern), conventions);
            }
            catch (Exception e) when (e is ArgumentException or SingularCovarianceException)
            {
                throw new ArgumentException($"The reference for subjects scored from {pattern} ({inputs.Count} training controls) cannot be fitted: {e.Message}", nameof(trainingControls), e);
            }
        }
        return new NormativeReferenceSet(blocks.ToArray(), conventions, references);
    }

    /// <summary>Every modality's block, in model order.</summary>
    public IReadOnlyList<FeatureBlock> Blocks { get; }

    /// <summary>The conventions every reference was fitted under.</summary>
    public DeviationConventions Conventions { get; }

    /// <summary>The patterns with a reference, most modalities first.</summary>
    public IReadOnlyList<ModalityPattern> Patterns =>
        _references.Keys.OrderByDescending(p => p.Modalities.Count).ThenBy(p => p.Key, StringComparer.Ordinal).ToArray();

    /// <summary>The pattern observing every modality.</summary>
    public ModalityPattern CompletePattern => new(Blocks.Select(b => b.Modality).ToArray());

    /// <summary>Whether subjects with <paramref name="pattern"/> can be scored.</summary>
    public bool Covers(ModalityPattern pattern) => _references.ContainsKey(pattern);

    /// <summary>The reference of <paramref name="pattern"/>.</summary>
    public NormativeReference For(ModalityPattern pattern) =>
        _references.TryGetValue(pattern, out var reference) ? reference
            : throw new ArgumentException($"No reference for subjects observed on {pattern}; references exist for {string.Join(", ", Patterns)}.", nameof(pattern));

    /// <summary>The same set with each pattern's reference replaced by <paramref name="replace"/>(pattern, reference).</summary>
    public NormativeReferenceSet WithReferences(Func<ModalityPattern, NormativeReference, NormativeReference> replace)
    {
        ArgumentNullException.ThrowIfNull(replace);
        return new NormativeReferenceSet(Blocks, Conventions, _references.ToDictionary(p => p.Key, p => replace(p.Key, p.Value)));
    }

    /// <summary>
    /// Scores every subject of <paramref name="group"/> against its pattern's reference, in row order.
    /// Z_mf and the signed residual of an unobserved region are NaN; <see cref="DeviationScores.ObservedModalities"/> names each row's pattern.
    /// </summary>
    /// <exception cref="ArgumentException">A subject's pattern has no reference (the message names the row and pattern).</exception>
    public DeviationScores Score(DeviationInputs group)
    {
        ArgumentNullException.ThrowIfNull(group);
        if (!group.Blocks.Select(b => (b.Modality, b.Width)).SequenceEqual(Blocks.Select(b => (b.Modality, b.Width))))
            throw new ArgumentException($"The group's modalities ({string.Join(", ", group.Blocks.Select(b => $"{b.Modality}[{b.Width}]"))}) differ from the references' ({string.Join(", ", Blocks.Select(b => $"{b.Modality}[{b.Width}]"))}).", nameof(group));
        int n = group.Count, d = group.Latents.GetLength(1), r = group.RegionalErrors.GetLength(1);
        var latentDistance = new double[n];
        var featureDistance = new double[n];
        var latentP = new double[n];
        var featureP = new double[n];
        var latentStep = new double[n];
        var featureStep = new double[n];
        var latentOutlier = new bool[n];
        var featureOutlier = new bool[n];
        var latentZ = new double[n, d];
        var featureZ = new double[n, r];
        var signed = group.Residuals is null ? null : new double[n, r];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < r; j++)
            {
                featureZ[i, j] = double.NaN;
                if (signed is not null) signed[i, j] = double.NaN;
            }
        var patterns = new string[n];

        var rowsByPattern = Enumerable.Range(0, n).GroupBy(group.Pattern);
        foreach (var rows in rowsByPattern)
        {
            var pattern = rows.Key;
            if (!_references.TryGetValue(pattern, out var reference))
                throw new ArgumentException(
                    $"Row {rows.First() + 1} (and {rows.Count() - 1} more) observes {pattern}, which has no reference; references exist for {string.Join(", ", Patterns)}.", nameof(group));
            var index = rows.ToArray();
            var scores = reference.Score(group.Restrict(index, pattern));
            var columns = group.ColumnsOf(pattern);
            for (int k = 0; k < index.Length; k++)
            {
                int i = index[k];
                patterns[i] = pattern.Key;
                latentDistance[i] = scores.LatentSquaredDistance[k];
                featureDistance[i] = scores.FeatureSquaredDistance[k];
                latentP[i] = scores.LatentPValue[k];
                featureP[i] = scores.FeaturePValue[k];
                latentStep[i] = reference.LatentThreshold.PValueStep;
                featureStep[i] = reference.FeatureThreshold.PValueStep;
                latentOutlier[i] = scores.LatentOutlier[k];
                featureOutlier[i] = scores.FeatureOutlier[k];
                for (int j = 0; j < d; j++) latentZ[i, j] = scores.LatentZ[k, j];
                for (int j = 0; j < columns.Length; j++) featureZ[i, columns[j]] = scores.FeatureZ[k, j];
                if (signed is not null && scores.SignedResiduals is { } patternSigned)
                    for (int j = 0; j < columns.Length; j++) signed[i, columns[j]] = patternSigned[k, j];
            }
        }
        return new DeviationScores
        {
            LatentSquaredDistance = latentDistance,
            FeatureSquaredDistance = featureDistance,
            LatentPValue = latentP,
            FeaturePValue = featureP,
            LatentPValueStep = latentStep,
            FeaturePValueStep = featureStep,
            LatentOutlier = latentOutlier,
            FeatureOutlier = featureOutlier,
            LatentZ = latentZ,
            FeatureZ = featureZ,
            SignedResiduals = signed,
            ObservedModalities = patterns,
        };
    }
}
