namespace Normative.Notebooks.Engine;

/// <summary>Settings of a <see cref="ScriptSession"/>.</summary>
public sealed record ScriptSessionOptions
{
    /// <summary>The notebook's file: relative <c>#r</c> paths start from its folder and errors name it. Null in a kernel.</summary>
    public string? NotebookPath { get; init; }

    /// <summary>The folder relative <c>#r</c> paths start from when there is no notebook path (a kernel runs in the notebook's folder).</summary>
    public string WorkingDirectory { get; init; } = Environment.CurrentDirectory;

    /// <summary>
    /// How long an interrupted or timed-out cell may take to stop after its cancellation token is
    /// cancelled, and again after its thread is interrupted, before the session gives it up.
    /// </summary>
    public TimeSpan StopGracePeriod { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>The packages <c>#r "nuget: ..."</c> resolves against; by default the running program's.</summary>
    public PackageCatalog? Packages { get; init; } = PackageCatalog.ForCurrentProgram;
}
