using Normative.Data;
using Normative.Data.Synthetic;

namespace Normative.Experiments.MmNormVae;

/// <summary>
/// The one cohort the experiment trains and scores: the control study as it is (training and held-out controls), the
/// clinical study's held-out controls in the <see cref="Split.Calibration"/> split (out-of-sample controls of another
/// study: what a calibration check needs) and its patients in <see cref="Split.Test"/>. The clinical adaptation controls
/// stay out: they only adapt the harmonisation (<see cref="Data.Harmonisation.SiteAdaptation"/>).
/// </summary>
public static class TwoStudyCohort
{
    public static Cohort Combine(TwoStudySetting setting)
    {
        ArgumentNullException.ThrowIfNull(setting);
        var control = setting.ControlStudy.Cohort;
        var clinical = setting.ClinicalStudy.Cohort;
        var clinicalRows = clinical.Rows(s => s.Split != Split.Train).ToArray();
        var subjects = control.Subjects
            .Concat(clinicalRows.Select(i => clinical.Subjects[i] is var s && s.Group == SubjectGroup.Control ? s with { Split = Split.Calibration } : s))
            .ToArray();
        var tables = control.Modalities.Select(t =>
        {
            var other = clinical.Modality(t.Name);
            var rows = Enumerable.Range(0, control.Subjects.Count).Select(t.Row).Concat(clinicalRows.Select(other.Row)).ToList();
            return new ModalityTable(t.Entry, t.Regions, rows);
        }).ToArray();
        var manifest = control.Manifest with
        {
            Name = $"{control.Name}+{clinical.Name}",
            Description = $"Training and held-out controls of '{control.Name}'; held-out controls (split calibration) and patients of '{clinical.Name}'.",
            GroundTruth = null,
        };
        return new Cohort(manifest, subjects, tables);
    }
}
