namespace Normative.Cli.Doctor;

/// <summary>The outcome of one row of <c>normative doctor</c>.</summary>
internal enum DoctorStatus
{
    /// <summary>The check passed.</summary>
    Ok,

    /// <summary>Something optional is missing, or a required item works but could be better; the main job still runs.</summary>
    Warn,

    /// <summary>Something the main job (<c>reproduce --quick</c>) needs is missing or broken.</summary>
    Fail,
}
