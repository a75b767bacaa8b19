namespace Normative.Cli.Doctor;

/// <summary>One checked row of the doctor's table.</summary>
/// <param name="Name">The check's name.</param>
/// <param name="Required">Whether the main job needs it.</param>
/// <param name="Status">ok, warn or fail.</param>
/// <param name="Detail">What was found.</param>
/// <param name="Fix">How to fix it, when the status is not ok.</param>
/// <param name="Seconds">How long the check took.</param>
internal sealed record DoctorRow(string Name, bool Required, DoctorStatus Status, string Detail, string? Fix, double Seconds);
