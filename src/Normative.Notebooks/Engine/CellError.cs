namespace Normative.Notebooks.Engine;

/// <summary>
/// Why a cell failed and where: the notebook, the cell, the line within the cell and the
/// exception, in the form Jupyter's <c>error</c> output carries (ename, evalue, traceback).
/// </summary>
/// <param name="Notebook">The notebook's file name, or a label such as "kernel session".</param>
/// <param name="Cell">The cell's number (1-based position in the notebook, or the execution count in a kernel).</param>
/// <param name="Line">1-based line within the cell, when known.</param>
/// <param name="ExceptionType">Short exception type name (Jupyter's <c>ename</c>), e.g. <c>InvalidOperationException</c>.</param>
/// <param name="Message">The exception message (Jupyter's <c>evalue</c>).</param>
/// <param name="Traceback">The lines a front end shows: the location, then the stack.</param>
public sealed record CellError(string Notebook, int Cell, int? Line, string ExceptionType, string Message, IReadOnlyList<string> Traceback)
{
    /// <summary>"notebook.ipynb, cell 3, line 2".</summary>
    public string Location => $"{Notebook}, cell {Cell}" + (Line is int line ? $", line {line}" : "");

    /// <summary>One line: location, exception type and message.</summary>
    public override string ToString() => $"{Location}: {ExceptionType}: {Message}";
}
