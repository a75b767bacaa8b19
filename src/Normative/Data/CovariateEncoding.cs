using System.Text.Json.Serialization;

namespace Normative.Data;

/// <summary>
/// The covariate vector c given to every encoder and decoder of the conditional VAEs (mmSIVAE §4.1):
/// one-hot age bins followed by one-hot sex (<c>sex_F</c>, <c>sex_M</c>).
/// </summary>
public sealed record CovariateEncoding(AgeBins AgeBins)
{
    /// <summary>Covariate names in vector order.</summary>
    [JsonIgnore]
    public IReadOnlyList<string> Names =>
        Enumerable.Range(0, AgeBins.Count).Select(AgeBins.Label).Concat(["sex_F", "sex_M"]).ToArray();

    /// <summary>Vector width c = age bins + 2.</summary>
    [JsonIgnore]
    public int Width => AgeBins.Count + 2;

    /// <summary>Writes the one-hot covariates of <paramref name="subject"/> into <paramref name="into"/> (length <see cref="Width"/>).</summary>
    public void Encode(Subject subject, Span<float> into)
    {
        if (into.Length != Width) throw new ArgumentException($"Expected a span of {Width} covariates, got {into.Length}.", nameof(into));
        into.Clear();
        into[AgeBins.IndexOf(subject.Age)] = 1f;
        into[AgeBins.Count + (subject.Sex == Sex.Female ? 0 : 1)] = 1f;
    }
}
