namespace Normative.Data.Harmonisation;

/// <summary>
/// A subject comes from a site the harmonisation was never fitted on: its site effect is unknown, so it is
/// refused rather than silently assigned another site's correction (PCNtoolkit issues #327, #382, #426).
/// </summary>
public sealed class UnseenSiteException(string site, IReadOnlyList<string> knownSites)
    : InvalidOperationException($"Site '{site}' was not among the sites the model was harmonised on ({string.Join(", ", knownSites)}); " +
        $"its subjects cannot be scored. Pass --adapt-site {site} with at least {ComBat.MinimumSiteControls} of that site's controls in the cohort to estimate its site effect.")
{
    public string Site { get; } = site;
}
