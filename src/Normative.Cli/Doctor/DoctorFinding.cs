namespace Normative.Cli.Doctor;

/// <summary>What one check found, before the report decides between warn and fail (see <see cref="DoctorCheck.Required"/>).</summary>
/// <param name="Kind">Whether the check passed, passed with advice, or found a problem.</param>
/// <param name="Detail">What was found, in one line (versions, paths, times).</param>
/// <param name="Fix">How to fix it; null when there is nothing to fix.</param>
internal sealed record DoctorFinding(DoctorFindingKind Kind, string Detail, string? Fix = null)
{
    /// <summary>The check passed.</summary>
    public static DoctorFinding Ok(string detail) => new(DoctorFindingKind.Ok, detail);

    /// <summary>It works, but could be better: always a warning, even for a required check.</summary>
    public static DoctorFinding Advice(string detail, string fix) => new(DoctorFindingKind.Advice, detail, fix);

    /// <summary>Missing or broken: a failure for a required check, a warning for an optional one.</summary>
    public static DoctorFinding Problem(string detail, string fix) => new(DoctorFindingKind.Problem, detail, fix);
}

/// <summary>The kinds of <see cref="DoctorFinding"/>.</summary>
internal enum DoctorFindingKind
{
    /// <summary>Passed.</summary>
    Ok,

    /// <summary>Passed, with something worth changing.</summary>
    Advice,

    /// <summary>Missing or broken.</summary>
    Problem,
}
