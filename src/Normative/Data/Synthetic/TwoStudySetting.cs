using System.Globalization;

namespace Normative.Data.Synthetic;

/// <summary>The two generated studies, the realised scanner shift of every site, and the parameters that made them.</summary>
/// <param name="ControlStudy">The large control study (splits train and holdout, controls only).</param>
/// <param name="ClinicalStudy">The clinical study: its controls in split train (for site adaptation only) and holdout, patients in test.</param>
/// <param name="ControlSites">The control study's sites with their shifts.</param>
/// <param name="ClinicalSites">The clinical study's sites with their shifts.</param>
/// <param name="Regions">The region set the shifts are indexed by (<see cref="RegionSet.MmNormVae"/>).</param>
/// <param name="Parameters">The two-study parameters used.</param>
public sealed record TwoStudySetting(SyntheticCohort ControlStudy, SyntheticCohort ClinicalStudy,
    IReadOnlyList<SyntheticSite> ControlSites, IReadOnlyList<SyntheticSite> ClinicalSites, RegionSet Regions, TwoStudyParameters Parameters)
{
    /// <summary>File with the realised shift per site and region.</summary>
    public const string ShiftsFileName = "site_shifts.csv";

    /// <summary>Copy of the two-study parameters written beside the studies.</summary>
    public const string ParametersFileName = "two-study-parameters.json";

    /// <summary>Writes <c>control-study/</c>, <c>clinical-study/</c> (each a cohort folder), <see cref="ShiftsFileName"/> and the
    /// parameters; returns the two manifest paths.</summary>
    public (string ControlManifest, string ClinicalManifest) Write(string folder)
    {
        Directory.CreateDirectory(folder);
        string control = ControlStudy.Write(Path.Combine(folder, "control-study"));
        string clinical = ClinicalStudy.Write(Path.Combine(folder, "clinical-study"));
        File.WriteAllText(Path.Combine(folder, ParametersFileName), Parameters.ToJson());
        using var writer = new StreamWriter(Path.Combine(folder, ShiftsFileName)) { NewLine = "\n" };
        CsvFormat.WriteRow(writer, ["study", "site", "modality", "region", "location", "scale"]);
        foreach (var (study, sites) in new[] { (ControlStudy.Cohort.Name, ControlSites), (ClinicalStudy.Cohort.Name, ClinicalSites) })
            foreach (var site in sites)
                for (int j = 0; j < Regions.Count; j++)
                    CsvFormat.WriteRow(writer, [study, site.Name, ModalityOf(Regions.Regions[j].Id), Regions.Regions[j].Id,
                        site.Shift.Location[j].ToString("R", CultureInfo.InvariantCulture), site.Shift.Scale[j].ToString("R", CultureInfo.InvariantCulture)]);
        return (control, clinical);
    }

    /// <summary>The feature set (modality) that holds <paramref name="regionId"/>.</summary>
    public string ModalityOf(string regionId) =>
        Parameters.FeatureSets.FirstOrDefault(f => RegionCatalogue.Default.Set(f.RegionSet).Contains(regionId))?.Modality
        ?? throw new ArgumentException($"Region '{regionId}' is in no feature set.", nameof(regionId));

    /// <summary>The site (of either study) called <paramref name="name"/>.</summary>
    public SyntheticSite Site(string name) =>
        ControlSites.Concat(ClinicalSites).FirstOrDefault(s => s.Name == name) ?? throw new ArgumentException($"No site '{name}'.", nameof(name));
}
