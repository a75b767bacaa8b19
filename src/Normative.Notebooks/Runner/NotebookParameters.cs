using System.Globalization;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Normative.Notebooks.Runner;

/// <summary>
/// Papermill's parameter convention for C# notebooks: the cell tagged <c>parameters</c> declares
/// the defaults; overrides go into a new cell tagged <c>injected-parameters</c> right after it
/// (at the top when no cell is tagged), which re-declares each variable with its new value.
/// </summary>
/// <remarks>
/// A value takes the type declared in the parameters cell (<c>double Lr = 1e-3;</c> makes
/// <c>-p Lr=1</c> the double <c>1.0</c>, <c>string Dataset</c> keeps <c>-p Dataset=42</c> a
/// string). For <c>var</c> or undeclared names the literal decides: integers, decimals,
/// <c>true</c>/<c>false</c>, text in double quotes, and any other text as a string. For other
/// declared types (enums, arrays) the value is written as the C# expression given.
/// </remarks>
public static class NotebookParameters
{
    /// <summary>Tag of the cell that declares parameters.</summary>
    public const string ParametersTag = "parameters";

    /// <summary>Tag of the cell the runner inserts.</summary>
    public const string InjectedTag = "injected-parameters";

    /// <summary>Parses <c>Name=value</c> pairs (command-line <c>-p</c> options).</summary>
    /// <exception cref="ArgumentException">A pair lacks '=' or its name is not a C# identifier.</exception>
    public static IReadOnlyDictionary<string, string> ParseAssignments(IEnumerable<string> assignments)
    {
        var parameters = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var assignment in assignments)
        {
            var equals = assignment.IndexOf('=', StringComparison.Ordinal);
            var name = equals > 0 ? assignment[..equals].Trim() : "";
            if (!SyntaxFacts.IsValidIdentifier(name))
                throw new ArgumentException($"parameter '{assignment}' must be Name=value with a C# identifier as Name (e.g. -p Epochs=5).", nameof(assignments));
            parameters[name] = assignment[(equals + 1)..];
        }
        return parameters;
    }

    /// <summary>
    /// Inserts (or replaces) the injected-parameters cell. Returns warnings for names the
    /// parameters cell does not declare (they are injected anyway, as papermill does).
    /// </summary>
    /// <exception cref="ArgumentException">A value does not fit the type its parameter is declared with.</exception>
    public static IReadOnlyList<string> Inject(NotebookDocument notebook, IReadOnlyDictionary<string, string> parameters)
    {
        var warnings = new List<string>();
        for (var i = notebook.Cells.Count - 1; i >= 0; i--)
        {
            if (notebook.Cells[i].Tags.Contains(InjectedTag)) notebook.RemoveCell(i);
        }
        if (parameters.Count == 0) return warnings;

        var cells = notebook.Cells;
        var parametersIndex = cells.ToList().FindIndex(c => c.CellType == "code" && c.Tags.Contains(ParametersTag));
        if (parametersIndex < 0) warnings.Add($"{notebook.Label}: no cell is tagged '{ParametersTag}'; the parameters are injected at the top.");
        var declared = parametersIndex >= 0 ? DeclaredTypes(cells[parametersIndex].Source) : new Dictionary<string, string?>();

        var lines = new List<string> { "// Parameters injected by `normative notebook run` (papermill convention)." };
        foreach (var (name, value) in parameters)
        {
            if (!declared.TryGetValue(name, out var type))
            {
                if (parametersIndex >= 0) warnings.Add($"{notebook.Label}: parameter '{name}' is not declared in the '{ParametersTag}' cell; injected anyway.");
                type = null;
            }
            lines.Add($"{type ?? "var"} {name} = {ToLiteral(name, value, type)};");
        }
        notebook.InsertCell(parametersIndex + 1, notebook.NewCodeCell(string.Join("\n", lines), InjectedTag));
        return warnings;
    }

    /// <summary>The C# expression for <paramref name="value"/> as a parameter of <paramref name="declaredType"/> (null: inferred).</summary>
    public static string ToLiteral(string name, string value, string? declaredType)
    {
        var text = value.Trim();
        var unquoted = text.Length >= 2 && text[0] == '"' && text[^1] == '"' ? text[1..^1] : null;
        switch (declaredType?.TrimEnd('?'))
        {
            case null:
                if (unquoted != null) return Quote(unquoted);
                if (bool.TryParse(text, out var flag)) return flag ? "true" : "false";
                if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var whole)) return whole.ToString(CultureInfo.InvariantCulture);
                if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var real) && double.IsFinite(real)) return Real(real);
                return Quote(value);
            case "string":
                return Quote(unquoted ?? value);
            case "bool":
                return bool.TryParse(text, out var b) ? (b ? "true" : "false") : throw Mismatch("true or false");
            case "int" or "long" or "short" or "byte" or "uint" or "ulong" or "ushort" or "sbyte":
                return long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) ? n.ToString(CultureInfo.InvariantCulture) : throw Mismatch("an integer");
            case "double" or "float" or "decimal":
                if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) || !double.IsFinite(d)) throw Mismatch("a number");
                return declaredType.TrimEnd('?') switch { "float" => Real(d) + "f", "decimal" => text + "m", _ => Real(d) };
            default:
                return text;
        }

        ArgumentException Mismatch(string expected) =>
            new($"parameter '{name}' is declared {declaredType} in the parameters cell, but '{value}' is not {expected}.", nameof(value));
    }

    /// <summary>Names declared at the top level of the parameters cell and their declared types (null for <c>var</c>).</summary>
    public static IReadOnlyDictionary<string, string?> DeclaredTypes(string parametersCell)
    {
        var root = CSharpSyntaxTree.ParseText(parametersCell, new CSharpParseOptions(LanguageVersion.Latest, kind: SourceCodeKind.Script)).GetCompilationUnitRoot();
        var types = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var declaration in root.DescendantNodes().OfType<VariableDeclarationSyntax>())
        {
            var topLevel = declaration.Parent is FieldDeclarationSyntax { Parent: CompilationUnitSyntax }
                || declaration.Parent is LocalDeclarationStatementSyntax { Parent: GlobalStatementSyntax };
            if (!topLevel) continue;
            var type = declaration.Type.IsVar ? null : declaration.Type.ToString();
            foreach (var variable in declaration.Variables) types[variable.Identifier.ValueText] = type;
        }
        return types;
    }

    private static string Quote(string text) => SymbolDisplay.FormatLiteral(text, quote: true);

    private static string Real(double value)
    {
        var text = value.ToString("R", CultureInfo.InvariantCulture);
        return text.Contains('.', StringComparison.Ordinal) || text.Contains('E', StringComparison.Ordinal) ? text : text + ".0";
    }
}
