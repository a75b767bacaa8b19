namespace Normative.Cli.Doctor;

/// <summary>
/// One row of <c>normative doctor</c>: a name, whether the main job needs it, and the probe. Checks are
/// values, so the command takes its list from outside and a test can hand it one that fails.
/// </summary>
/// <param name="Name">The row's name ("Chromium (PNG figures)").</param>
/// <param name="Required">Whether <c>reproduce --quick</c> needs it: a problem then fails the doctor (non-zero exit); otherwise it warns.</param>
/// <param name="Probe">Looks and reports; an exception it throws is reported as a problem with its message.</param>
internal sealed record DoctorCheck(string Name, bool Required, Func<DoctorFinding> Probe);
