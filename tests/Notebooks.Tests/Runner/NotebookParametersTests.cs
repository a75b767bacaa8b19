using Normative.Notebooks.Runner;

namespace Notebooks.Tests.Runner;

/// <summary>Typing of -p values: by the declared type of the parameter, else by the literal.</summary>
public sealed class NotebookParametersTests
{
    [Theory]
    // Expected C# literals follow the rules in NotebookParameters' remarks.
    [InlineData("5", null, "5")]
    [InlineData("-2", null, "-2")]
    [InlineData("0.5", null, "0.5")]
    [InlineData("1e-3", null, "0.001")]
    [InlineData("true", null, "true")]
    [InlineData("\"42\"", null, "\"42\"")]
    [InlineData("adni", null, "\"adni\"")]
    [InlineData("a \"b\"", null, "\"a \\\"b\\\"\"")]
    [InlineData("1", "double", "1.0")]
    [InlineData("2", "float", "2.0f")]
    [InlineData("42", "string", "\"42\"")]
    [InlineData("7", "long", "7")]
    [InlineData("False", "bool", "false")]
    [InlineData("Preset.Small", "Preset", "Preset.Small")]
    public void ValuesBecomeTypedLiterals(string value, string? declared, string literal) =>
        Assert.Equal(literal, NotebookParameters.ToLiteral("P", value, declared));

    [Theory]
    [InlineData("abc", "int", "parameter 'P' is declared int in the parameters cell, but 'abc' is not an integer.")]
    [InlineData("yes", "bool", "parameter 'P' is declared bool in the parameters cell, but 'yes' is not true or false.")]
    public void ValuesThatDoNotFitTheDeclaredTypeAreErrors(string value, string declared, string message) =>
        Assert.StartsWith(message, Assert.Throws<ArgumentException>(() => NotebookParameters.ToLiteral("P", value, declared)).Message);

    [Fact]
    public void DeclaredTypesComeFromTopLevelDeclarations()
    {
        var types = NotebookParameters.DeclaredTypes("int Epochs = 5;\nvar Name = \"x\";\ndouble Lr = 1e-3, Beta = 1;\nvoid F() { int inner = 1; }");
        Assert.Equal(new Dictionary<string, string?> { ["Epochs"] = "int", ["Name"] = null, ["Lr"] = "double", ["Beta"] = "double" }, types);
    }

    [Theory]
    [InlineData("Epochs")]
    [InlineData("1x=2")]
    public void MalformedAssignmentsAreRejected(string assignment) =>
        Assert.Throws<ArgumentException>(() => NotebookParameters.ParseAssignments([assignment]));

    [Fact]
    public void UndeclaredParametersWarnAndMissingParametersCellsInjectAtTheTop()
    {
        var notebook = NotebookDocument.Parse("""{"nbformat":4,"nbformat_minor":5,"metadata":{},"cells":[{"cell_type":"code","id":"a","metadata":{},"outputs":[],"execution_count":null,"source":"var x = 1;"}]}""", "n.ipynb");
        var warnings = NotebookParameters.Inject(notebook, new Dictionary<string, string> { ["Seed"] = "3" });
        Assert.Equal(["n.ipynb: no cell is tagged 'parameters'; the parameters are injected at the top."], warnings);
        Assert.Equal(NotebookParameters.InjectedTag, Assert.Single(notebook.Cells[0].Tags));
        Assert.EndsWith("var Seed = 3;", notebook.Cells[0].Source);
    }
}
