namespace Normative.Training;

/// <summary>A subject a model cannot score, and why (e.g. a concatenated-input VAE and a subject without PET).</summary>
/// <param name="SubjectId">The subject.</param>
/// <param name="MissingModalities">The modalities it lacks that the model needs.</param>
/// <param name="Reason">What the model would need.</param>
public sealed record ScoringRefusal(string SubjectId, IReadOnlyList<string> MissingModalities, string Reason)
{
    public override string ToString() => $"subject '{SubjectId}' lacks {string.Join(", ", MissingModalities.Select(m => $"'{m}'"))}: {Reason}";
}
