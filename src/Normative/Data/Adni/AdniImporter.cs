using System.Globalization;
using System.Text.Json.Nodes;
using Normative.Data.Synthetic;

namespace Normative.Data.Adni;

/// <summary>
/// Converts a user's ADNI-derived tables (ADNIMERGE-style clinical data, CDR, UC Berkeley AV45 regional SUVR,
/// UCSF FreeSurfer regional volumes) into the canonical cohort (design §2), driven by an editable column
/// mapping. Baseline rows are joined on the subject id; groups follow mmSIVAE §4.1: CDR 0 amyloid-negative
/// controls (seeded train / hold-out split) and amyloid-positive patients (test). Every subject left out is
/// listed with its reason.
/// </summary>
/// <remarks>Column conventions and the reference-region rule: domain-notes §1 (ADNI data dictionaries;
/// Kumar et al., ISBI 2024 released code for the grouping).</remarks>
public static class AdniImporter
{
    /// <summary>Modality names of imported cohorts (same as the synthetic cohort, so models and notebooks run on both).</summary>
    public const string Mri = SyntheticModalities.Mri, Amyloid = SyntheticModalities.Amyloid;

    public static AdniImportResult Import(AdniImportOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.HoldoutFraction is < 0 or >= 1)
            throw new ArgumentOutOfRangeException(nameof(options), options.HoldoutFraction, "HoldoutFraction must lie in [0, 1).");
        var map = options.Mapping ?? AdniColumnMapping.Default;
        var regions = RegionCatalogue.Default.Set(options.RegionSet);
        var notes = new List<string>();
        var excluded = new List<ExcludedSubject>();

        var clinical = new BaselineTable(CsvTable.Read(options.ClinicalPath), map.Clinical.Id, map.Clinical.Visit, map,
            new[] { map.Clinical.Age, map.Clinical.Sex, map.Clinical.Adas13, map.Clinical.Cdr }.OfType<string>());
        BaselineTable? cdrTable = null;
        if (map.Clinical.Cdr is null)
        {
            if (options.CdrPath is null) throw new ArgumentException("The mapping takes CDR from a CDR table (cdr.cdr), so a CDR file is required (--cdr).", nameof(options));
            cdrTable = new BaselineTable(CsvTable.Read(options.CdrPath), map.Cdr.Id, map.Cdr.Visit, map, [map.Cdr.Cdr]);
        }
        var amyloidStatusColumns = new[] { map.Amyloid.Positive, map.Amyloid.Summary }.OfType<string>().ToArray();
        if (amyloidStatusColumns.Length == 0) throw new ArgumentException("The mapping must name amyloid.positive or amyloid.summary.", nameof(options));
        var pet = new BaselineTable(CsvTable.Read(options.AmyloidPath), map.Amyloid.Id, map.Amyloid.Visit, map, amyloidStatusColumns);
        var mri = new BaselineTable(CsvTable.Read(options.VolumesPath), map.Volumes.Id, map.Volumes.Visit, map,
            new[] { map.Volumes.Icv, map.Volumes.Qc }.OfType<string>());

        var petColumns = regions.Regions.Select(r => pet.ResolveColumn(map.ColumnsFor(Amyloid, r), $"the amyloid SUVR of {r.Id}")).ToArray();
        var mriColumns = regions.Regions.Select(r => mri.ResolveColumn(map.ColumnsFor(Mri, r), $"the volume of {r.Id}")).ToArray();
        bool divideByReference = NeedsReferenceDivision(pet, map.Amyloid, notes);

        var rows = new List<(Subject Subject, double[]? Mri, double[]? Amyloid)>();
        foreach (string id in clinical.Ids.OrderBy(Numeric).ThenBy(s => s, StringComparer.Ordinal))
        {
            clinical.TryRow(id, out int c);
            string? Exclude(string reason)
            {
                excluded.Add(new ExcludedSubject(id, reason));
                return null;
            }
            double? cdr = map.Clinical.Cdr is { } cdrColumn ? clinical.Number(c, cdrColumn)
                : cdrTable!.TryRow(id, out int k) ? cdrTable.Number(k, map.Cdr.Cdr) : null;
            if (cdr is null) { Exclude("no baseline CDR"); continue; }
            if (!Subject.CdrValues.Contains(cdr.Value)) { Exclude($"CDR {cdr} is not 0, 0.5, 1, 2 or 3"); continue; }
            double? age = clinical.Number(c, map.Clinical.Age);
            if (age is null) { Exclude("no age"); continue; }
            string sexText = clinical.Table.Cell(c, map.Clinical.Sex).Trim();
            if (!map.SexCodes.TryGetValue(sexText, out string? sexCode) || !SubjectColumns.TryParseSex(sexCode, out var sex))
                throw new CohortFormatException(clinical.Table.File, CsvTable.SpreadsheetRow(c), map.Clinical.Sex,
                    $"'{sexText}' is not a sex code of the mapping ({string.Join(", ", map.SexCodes.Keys)}).");

            if (!pet.TryRow(id, out int p)) { Exclude("no baseline amyloid PET"); continue; }
            bool? positive = AmyloidStatus(pet, p, map.Amyloid);
            if (positive is null) { Exclude("amyloid status missing"); continue; }
            double? petScale = divideByReference ? 1 / pet.Number(p, map.Amyloid.Reference!) : 1;
            var amyloid = petScale is double scale && double.IsFinite(scale) ? Values(pet, p, petColumns, scale) : null;
            var volumes = mri.TryRow(id, out int v) && QcPasses(mri, v, map.Volumes) ? Values(mri, v, mriColumns, 1) : null;
            double? icv = mri.TryRow(id, out v) ? mri.Number(v, map.Volumes.Icv) : null;
            if (icv is null && map.Clinical.Icv is { } icvColumn && clinical.Table.ColumnIndex(icvColumn) >= 0) icv = clinical.Number(c, icvColumn);
            if (icv is null) { Exclude("no intracranial volume"); continue; }

            bool control = cdr == 0 && positive == false;
            if (!control && positive == false && !options.IncludeAmyloidNegativePatients)
            {
                Exclude($"amyloid-negative with CDR {cdr.Value.ToString(CultureInfo.InvariantCulture)} (neither control nor amyloid-positive patient)");
                continue;
            }
            if ((volumes is null || amyloid is null) && !options.AllowMissingModalities)
            {
                Exclude(volumes is null ? "no usable baseline MRI volumes (missing row, failed QC or missing values)" : "missing regional SUVR values");
                continue;
            }
            if (volumes is null && amyloid is null) { Exclude("neither modality usable"); continue; }
            var subject = new Subject(id, control ? Split.Train : Split.Test, control ? SubjectGroup.Control : SubjectGroup.Patient,
                cdr.Value, positive.Value, age.Value, sex, icv.Value, clinical.Number(c, map.Clinical.Adas13));
            rows.Add((subject, volumes, amyloid));
        }
        foreach (var id in pet.Ids.Concat(mri.Ids).Distinct().Where(id => !clinical.TryRow(id, out _)).Order(StringComparer.Ordinal))
            excluded.Add(new ExcludedSubject(id, "not in the clinical table at a baseline visit"));

        var split = HoldoutSplit(rows.Select(r => r.Subject).ToList(), options);
        bool mriMissing = rows.Any(r => r.Mri is null), petMissing = rows.Any(r => r.Amyloid is null);
        var manifest = new CohortManifest
        {
            Name = options.Name,
            Description = "Cohort imported from ADNI-derived tables by `normative cohort import-adni`.",
            Subjects = "subjects.csv",
            Modalities =
            [
                new ModalityEntry { Name = Mri, File = "mri.csv", Unit = ModalityUnit.Mm3, RegionSet = regions.Name, AllowMissing = mriMissing },
                new ModalityEntry { Name = Amyloid, File = "amyloid.csv", Unit = ModalityUnit.Suvr, RegionSet = regions.Name, AllowMissing = petMissing },
            ],
            Provenance = new JsonObject
            {
                ["importer"] = "Normative.Data.Adni.AdniImporter",
                ["clinical"] = Path.GetFileName(options.ClinicalPath),
                ["cdr"] = options.CdrPath is null ? null : Path.GetFileName(options.CdrPath),
                ["amyloid"] = Path.GetFileName(options.AmyloidPath),
                ["volumes"] = Path.GetFileName(options.VolumesPath),
                ["seed"] = options.Seed,
                ["holdout_fraction"] = options.HoldoutFraction,
                ["notes"] = new JsonArray(notes.Select(n => (JsonNode)n).ToArray()),
            },
        };
        var cohort = new Cohort(manifest, split,
        [
            new ModalityTable(manifest.Modalities[0], regions, rows.Select(r => r.Mri).ToArray()),
            new ModalityTable(manifest.Modalities[1], regions, rows.Select(r => r.Amyloid).ToArray()),
        ]);
        return new AdniImportResult(cohort, excluded, notes);
    }

    /// <summary>Controls get a seeded random hold-out subset of size round(n * fraction); patients stay in test.</summary>
    private static IReadOnlyList<Subject> HoldoutSplit(List<Subject> subjects, AdniImportOptions options)
    {
        var controls = subjects.Select((s, i) => (s, i)).Where(p => p.s.Group == SubjectGroup.Control).Select(p => p.i).ToArray();
        int holdout = (int)Math.Round(controls.Length * options.HoldoutFraction, MidpointRounding.AwayFromZero);
        var order = new SeededSampler(options.Seed).Permutation(controls.Length);
        var result = subjects.ToArray();
        foreach (int k in order.Take(holdout)) result[controls[k]] = result[controls[k]] with { Split = Split.Holdout };
        return result;
    }

    /// <summary>
    /// False when regional SUVRs are already whole-cerebellum-normalised (reference median within the tolerance of 1);
    /// true when each subject's regional values must be divided by its own reference value (domain-notes §1.1).
    /// </summary>
    private static bool NeedsReferenceDivision(BaselineTable pet, AmyloidColumns columns, List<string> notes)
    {
        if (columns.Reference is null || pet.Table.ColumnIndex(columns.Reference) < 0)
        {
            notes.Add("Amyloid: no reference-region column; regional SUVRs used as given.");
            return false;
        }
        var values = pet.Ids.Select(id => { pet.TryRow(id, out int r); return pet.Number(r, columns.Reference); })
            .OfType<double>().Order().ToArray();
        if (values.Length == 0) return false;
        double median = values.Length % 2 == 1 ? values[values.Length / 2] : (values[values.Length / 2 - 1] + values[values.Length / 2]) / 2;
        if (Math.Abs(median - 1) < columns.ReferenceTolerance)
        {
            notes.Add(string.Create(CultureInfo.InvariantCulture, $"Amyloid: {columns.Reference} median {median:0.###} ≈ 1, so regional SUVRs are already whole-cerebellum-normalised; used as given."));
            return false;
        }
        notes.Add(string.Create(CultureInfo.InvariantCulture, $"Amyloid: {columns.Reference} median {median:0.###} ≠ 1; each subject's regional values divided by its {columns.Reference}."));
        return true;
    }

    private static bool? AmyloidStatus(BaselineTable pet, int row, AmyloidColumns columns)
    {
        if (columns.Positive is { } positive && pet.Number(row, positive) is double flag)
        {
            if (flag is not (0 or 1))
                throw new CohortFormatException(pet.Table.File, CsvTable.SpreadsheetRow(row), positive, $"{flag} is not an amyloid status (0 or 1).");
            return flag == 1;
        }
        return columns.Summary is { } summary && pet.Number(row, summary) is double suvr ? suvr >= columns.PositivityThreshold : null;
    }

    private static bool QcPasses(BaselineTable mri, int row, VolumeColumns columns) =>
        columns.Qc is null || columns.QcPass.Contains(mri.Table.Cell(row, columns.Qc).Trim(), StringComparer.OrdinalIgnoreCase);

    /// <summary>The regional values of a row scaled by <paramref name="scale"/>, or null when any is missing (no imputation).</summary>
    private static double[]? Values(BaselineTable table, int row, string[] columns, double scale)
    {
        var values = new double[columns.Length];
        for (int j = 0; j < columns.Length; j++)
        {
            if (table.Number(row, columns[j]) is not double v || v == 0) return null;
            values[j] = v * scale;
        }
        return values;
    }

    private static long Numeric(string id) => long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out long n) ? n : long.MaxValue;
}
