using Normative.Notebooks.Formatting;

namespace Normative.Notebooks.Engine;

/// <summary>
/// What every cell sees besides its own code: <c>display(...)</c>, the cell's cancellation token
/// and the formatter registry. Members are named as in .NET Interactive's C# dialect so
/// notebooks written for it run unchanged.
/// </summary>
public sealed class NotebookGlobals
{
    private readonly ScriptSession session;

    internal NotebookGlobals(ScriptSession session) => this.session = session;

    /// <summary>Shows <paramref name="value"/> as an output of the running cell, formatted by <see cref="Formatters"/>.</summary>
    public void display(object? value) => session.Display(session.Formatters.Format(value));

    /// <summary>Shows <paramref name="content"/> as the given MIME type, e.g. <c>display("&lt;b&gt;hi&lt;/b&gt;", "text/html")</c>.</summary>
    public void display(string content, string mimeType) => session.Display(session.Formatters.WithPlotlyScriptOnce(FormatterRegistry.Raw(content, mimeType)));

    /// <summary>
    /// Cancelled when the running cell is interrupted (Jupyter's interrupt, a timeout). Pass it to
    /// the library's long operations, or check it in loops, so an interrupt stops them cleanly.
    /// </summary>
    public CancellationToken Cancellation => session.CurrentCancellation;

    /// <summary>The session's formatters; <c>Formatters.Register&lt;T&gt;(v =&gt; ...)</c> changes how values of a type are shown.</summary>
    public FormatterRegistry Formatters => session.Formatters;

    /// <summary>The folder of the notebook (or the kernel's working folder): the base of relative paths in <c>#r</c>.</summary>
    public string NotebookDirectory => session.BaseDirectory;
}
