using TorchSharp;
using static TorchSharp.torch;

namespace Normative.Data;

/// <summary>
/// The model-ready view of a group of subjects: one float32 matrix per modality (rows = subjects,
/// columns = regions, already normalised), the encoded covariates, and which modalities each
/// subject has. This is the one type that data preparation hands to models, training and scoring.
/// </summary>
/// <remarks>
/// A subject without modality m has <c>Observed[i, m] == false</c> and zeros in that modality's row;
/// models must use the observed modalities' subset posterior for such a subject, never the zeros.
/// The instance owns its tensors and disposes them.
/// </remarks>
public sealed class SubjectTensors : IDisposable
{
    /// <param name="subjectIds">One id per row, in row order.</param>
    /// <param name="modalityNames">One name per modality, in the order of <paramref name="modalities"/>.</param>
    /// <param name="modalities">Per modality a float32 tensor [n, p_m].</param>
    /// <param name="covariates">A float32 tensor [n, c] (c may be 0).</param>
    /// <param name="observed">A bool tensor [n, M]; null means every modality is observed for every subject.</param>
    public SubjectTensors(IReadOnlyList<string> subjectIds, IReadOnlyList<string> modalityNames,
        IReadOnlyList<Tensor> modalities, Tensor covariates, Tensor? observed = null)
    {
        ArgumentNullException.ThrowIfNull(subjectIds);
        ArgumentNullException.ThrowIfNull(modalities);
        ArgumentNullException.ThrowIfNull(covariates);
        if (modalities.Count == 0) throw new ArgumentException("At least one modality is required.", nameof(modalities));
        if (modalityNames.Count != modalities.Count)
            throw new ArgumentException($"{modalityNames.Count} names for {modalities.Count} modalities.", nameof(modalityNames));
        long n = subjectIds.Count;
        for (int m = 0; m < modalities.Count; m++)
        {
            if (modalities[m].dim() != 2 || modalities[m].shape[0] != n)
                throw new ArgumentException($"Modality '{modalityNames[m]}' has shape [{string.Join(", ", modalities[m].shape)}]; expected [{n}, p].", nameof(modalities));
        }
        if (covariates.dim() != 2 || covariates.shape[0] != n)
            throw new ArgumentException($"Covariates have shape [{string.Join(", ", covariates.shape)}]; expected [{n}, c].", nameof(covariates));
        observed ??= ones(n, modalities.Count, ScalarType.Bool, modalities[0].device);
        if (observed.dim() != 2 || observed.shape[0] != n || observed.shape[1] != modalities.Count)
            throw new ArgumentException($"Observed mask has shape [{string.Join(", ", observed.shape)}]; expected [{n}, {modalities.Count}].", nameof(observed));

        SubjectIds = subjectIds;
        ModalityNames = modalityNames;
        Modalities = modalities;
        Covariates = covariates;
        Observed = observed;
    }

    public IReadOnlyList<string> SubjectIds { get; }
    public IReadOnlyList<string> ModalityNames { get; }
    public IReadOnlyList<Tensor> Modalities { get; }
    public Tensor Covariates { get; }
    public Tensor Observed { get; }

    /// <summary>Number of subjects (rows).</summary>
    public int Count => SubjectIds.Count;

    /// <summary>Number of modalities M.</summary>
    public int ModalityCount => Modalities.Count;

    /// <summary>Feature count p_m of each modality.</summary>
    public IReadOnlyList<int> FeatureCounts => Modalities.Select(t => (int)t.shape[1]).ToArray();

    /// <summary>Covariate width c.</summary>
    public int CovariateCount => (int)Covariates.shape[1];

    /// <summary>True when every subject has every modality.</summary>
    public bool IsComplete => Observed.all().item<bool>();

    /// <summary>The rows at <paramref name="rows"/>, as new tensors (the caller owns the result).</summary>
    public SubjectTensors Select(IReadOnlyList<long> rows)
    {
        using var index = tensor(rows.ToArray(), ScalarType.Int64, Covariates.device);
        return new SubjectTensors(
            rows.Select(r => SubjectIds[(int)r]).ToArray(),
            ModalityNames,
            Modalities.Select(t => t.index_select(0, index)).ToArray(),
            Covariates.index_select(0, index),
            Observed.index_select(0, index));
    }

    /// <summary>
    /// The same subjects with only the modalities <paramref name="names"/>, in that order (e.g. the MRI table
    /// alone for a unimodal baseline). Shares storage with this instance; the result owns only its handles.
    /// </summary>
    public SubjectTensors SelectModalities(IReadOnlyList<string> names)
    {
        var indices = names.Select(name =>
        {
            int m = ModalityNames.ToList().IndexOf(name);
            return m >= 0 ? m : throw new ArgumentException($"There is no modality '{name}'; the subjects have {string.Join(", ", ModalityNames)}.", nameof(names));
        }).ToArray();
        using var columns = tensor(indices.Select(i => (long)i).ToArray(), ScalarType.Int64, Observed.device);
        return new SubjectTensors(SubjectIds, names.ToArray(),
            indices.Select(i => Modalities[i].alias()).ToArray(), Covariates.alias(), Observed.index_select(1, columns));
    }

    /// <summary>
    /// The subjects that have every modality in <paramref name="modalities"/>, seen through those modalities
    /// only: the others are marked unobserved (their rows are zeroed), so a model encodes each subject from that
    /// subset alone — how training controls are scored to form the reference of subjects lacking the other
    /// modalities. The caller owns the result.
    /// </summary>
    public SubjectTensors ObservedOnly(IReadOnlyList<string> modalities)
    {
        ArgumentNullException.ThrowIfNull(modalities);
        var keep = new bool[ModalityCount];
        foreach (var name in modalities)
        {
            int m = ModalityNames.ToList().IndexOf(name);
            if (m < 0) throw new ArgumentException($"There is no modality '{name}'; the subjects have {string.Join(", ", ModalityNames)}.", nameof(modalities));
            keep[m] = true;
        }
        var mask = Observed.cpu().data<bool>().ToArray();
        var rows = Enumerable.Range(0, Count)
            .Where(i => Enumerable.Range(0, ModalityCount).All(m => !keep[m] || mask[i * ModalityCount + m]))
            .Select(i => (long)i).ToArray();
        using var selected = Select(rows);
        using var keepMask = tensor(keep, [1, ModalityCount]).to(Observed.device);
        var observed = selected.Observed.logical_and(keepMask);
        return new SubjectTensors(selected.SubjectIds, ModalityNames,
            selected.Modalities.Select((t, m) => keep[m] ? t.clone() : zeros_like(t)).ToArray(), selected.Covariates.clone(), observed);
    }

    /// <summary>Copies every tensor to <paramref name="device"/> (the caller owns the result).</summary>
    public SubjectTensors To(Device device) => new(
        SubjectIds, ModalityNames,
        Modalities.Select(t => t.to(device)).ToArray(), Covariates.to(device), Observed.to(device));

    public void Dispose()
    {
        foreach (var t in Modalities) t.Dispose();
        Covariates.Dispose();
        Observed.Dispose();
    }
}
