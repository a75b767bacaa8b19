namespace Normative.Data;

/// <summary>
/// A loaded cohort: the subjects table and one table per modality, aligned by subject (design §2).
/// Built by <see cref="CohortLoader"/>, the synthetic generator or the ADNI importer; written by
/// <see cref="CohortWriter"/>.
/// </summary>
public sealed partial class Cohort
{
    private readonly Dictionary<string, int> _subjectIndex;

    public Cohort(CohortManifest manifest, IReadOnlyList<Subject> subjects, IReadOnlyList<ModalityTable> modalities)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        ArgumentNullException.ThrowIfNull(subjects);
        ArgumentNullException.ThrowIfNull(modalities);
        if (modalities.Count == 0) throw new ArgumentException("A cohort needs at least one modality.", nameof(modalities));
        if (modalities.Count != manifest.Modalities.Count)
            throw new ArgumentException($"The manifest lists {manifest.Modalities.Count} modalities but {modalities.Count} tables were given.", nameof(modalities));
        _subjectIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < subjects.Count; i++)
        {
            if (!_subjectIndex.TryAdd(subjects[i].Id, i))
                throw new ArgumentException($"Subject id '{subjects[i].Id}' appears twice.", nameof(subjects));
        }
        foreach (var table in modalities)
        {
            if (table.RowCount != subjects.Count)
                throw new ArgumentException($"Modality '{table.Name}' has {table.RowCount} rows for {subjects.Count} subjects.", nameof(modalities));
        }
        Manifest = manifest;
        Subjects = subjects;
        Modalities = modalities;
    }

    public string Name => Manifest.Name;

    public CohortManifest Manifest { get; }

    public IReadOnlyList<Subject> Subjects { get; }

    /// <summary>The modality tables in manifest (model) order.</summary>
    public IReadOnlyList<ModalityTable> Modalities { get; }

    public IReadOnlyList<string> ModalityNames => Modalities.Select(m => m.Name).ToArray();

    /// <summary>The table of modality <paramref name="name"/>.</summary>
    public ModalityTable Modality(string name) =>
        Modalities.FirstOrDefault(m => m.Name == name)
        ?? throw new ArgumentException($"Cohort '{Name}' has no modality '{name}'; it has {string.Join(", ", ModalityNames)}.", nameof(name));

    /// <summary>Row of subject <paramref name="subjectId"/>, or -1.</summary>
    public int IndexOf(string subjectId) => _subjectIndex.TryGetValue(subjectId, out int i) ? i : -1;

    /// <summary>Rows of the subjects matching <paramref name="predicate"/>, in cohort order.</summary>
    public IReadOnlyList<int> Rows(Func<Subject, bool> predicate)
    {
        var rows = new List<int>();
        for (int i = 0; i < Subjects.Count; i++)
            if (predicate(Subjects[i])) rows.Add(i);
        return rows;
    }

    /// <summary>Rows of split <paramref name="split"/>.</summary>
    public IReadOnlyList<int> Rows(Split split) => Rows(s => s.Split == split);

    /// <summary>Rows of the training controls: the subjects that fit the model and the z-scoring statistics.</summary>
    public IReadOnlyList<int> TrainingControlRows => Rows(s => s.Split == Split.Train && s.Group == SubjectGroup.Control);
}
