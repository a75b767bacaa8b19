using Normative.Notebooks.Formatting;

namespace Normative.Notebooks.Engine;

/// <summary>
/// One output of a cell, in the shapes of Jupyter's messages and nbformat's outputs: text on a
/// stream, a displayed value, the value of the cell's last expression, or an error.
/// </summary>
public abstract record CellOutput;

/// <summary>Text written to <c>stdout</c> or <c>stderr</c>.</summary>
/// <param name="Name"><c>stdout</c> or <c>stderr</c>.</param>
/// <param name="Text">The text, line breaks included.</param>
public sealed record StreamOutput(string Name, string Text) : CellOutput
{
    /// <summary>The standard-output stream name.</summary>
    public const string StandardOutput = "stdout";

    /// <summary>The standard-error stream name.</summary>
    public const string StandardError = "stderr";
}

/// <summary>A value shown with <c>display(...)</c>.</summary>
public sealed record DisplayOutput(MimeBundle Data) : CellOutput;

/// <summary>The value of the cell's trailing expression (written without a semicolon).</summary>
/// <param name="Data">The formatted value.</param>
/// <param name="ExecutionCount">The execution count of the cell that produced it.</param>
public sealed record ExecuteResultOutput(MimeBundle Data, int ExecutionCount) : CellOutput;

/// <summary>The error that stopped the cell.</summary>
public sealed record ErrorOutput(CellError Error) : CellOutput;
