namespace Normative.Data.Import;

/// <summary>
/// How a user's plain tables become a cohort (<c>normative cohort import-table</c>,
/// data-schemas/table-mapping.schema.json): which columns of the subjects table hold the package's fields,
/// how their values translate, and per modality its unit, region set and column names.
/// </summary>
public sealed record TableMapping
{
    /// <summary>The schema reference (informative).</summary>
    [System.Text.Json.Serialization.JsonPropertyName("$schema")]
    public string? Schema { get; init; }

    /// <summary>Free text for the reader.</summary>
    public string? Description { get; init; }

    public required SubjectFields Subjects { get; init; }

    /// <summary>How controls are split when <see cref="SubjectFields.Split"/> is not mapped.</summary>
    public SplitRule Split { get; init; } = new();

    /// <summary>Per modality name (as given with <c>--modality NAME=FILE</c>) its description.</summary>
    public required IReadOnlyDictionary<string, ModalityFields> Modalities { get; init; }

    public static TableMapping Load(string path) => DataJson.Read<TableMapping>(path);
}

/// <summary>The subjects table's columns. Only <see cref="Id"/>, <see cref="Age"/>, <see cref="Sex"/> and <see cref="Group"/> are required.</summary>
/// <param name="Id">Subject id (the join key of every table).</param>
/// <param name="Age">Age in years.</param>
/// <param name="Sex">Sex, translating to F or M.</param>
/// <param name="Group">Diagnosis, translating to control or patient.</param>
/// <param name="Cdr">Global CDR (0, 0.5, 1, 2, 3); when not mapped, controls get 0 and a patient is an error.</param>
/// <param name="AmyloidPositive">Amyloid status (true/false); when not mapped, controls get false and a patient is an error.</param>
/// <param name="Split">train/holdout/test; when not mapped, controls are split by <see cref="TableMapping.Split"/> and patients go to test.</param>
/// <param name="Icv">Intracranial volume (mm3); needed when a modality divides by it.</param>
/// <param name="Adas13">ADAS-Cog 13 (empty cells allowed).</param>
/// <param name="Site">Acquisition site or scanner (what <c>--harmonise combat</c> harmonises); empty cells allowed.</param>
public sealed record SubjectFields(ColumnMap Id, ColumnMap Age, ColumnMap Sex, ColumnMap Group,
    ColumnMap? Cdr = null, ColumnMap? AmyloidPositive = null, ColumnMap? Split = null, ColumnMap? Icv = null, ColumnMap? Adas13 = null,
    ColumnMap? Site = null);

/// <summary>Seeded train / hold-out split of the controls.</summary>
/// <param name="HoldoutFraction">Fraction of controls held out (paper: 48 / 296). Range: (0, 1).</param>
/// <param name="Seed">Seed of the assignment.</param>
public sealed record SplitRule(double HoldoutFraction = 48.0 / 296.0, int Seed = 42);

/// <summary>One modality table.</summary>
/// <param name="Unit">mm3 or suvr.</param>
/// <param name="RegionSet">Region set its columns must cover (mmsivae or classic12).</param>
/// <param name="Id">Subject-id column of this table; default: the subjects table's id column name.</param>
/// <param name="Columns">Canonical region id -&gt; source column, for regions whose column is not already named canonically.</param>
/// <param name="IgnoreColumns">Source columns to leave out on purpose (any other unmapped column is an error).</param>
/// <param name="AllowMissing">Whether subjects may lack a row.</param>
/// <param name="NormaliseByIcv">Divide by ICV; null means "when the unit is mm3".</param>
public sealed record ModalityFields(ModalityUnit Unit, string RegionSet = "mmsivae", string? Id = null,
    IReadOnlyDictionary<string, string>? Columns = null, IReadOnlyList<string>? IgnoreColumns = null,
    bool AllowMissing = false, bool? NormaliseByIcv = null);
