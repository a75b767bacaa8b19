using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Completion;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Host.Mef;
using Microsoft.CodeAnalysis.QuickInfo;
using Microsoft.CodeAnalysis.Text;

namespace Normative.Notebooks.Engine;

/// <summary>
/// Completion and quick info from Roslyn's own services (the ones editors use), over a workspace
/// document holding the session's earlier cells followed by the cell being edited, compiled as
/// a script with the session's references and globals.
/// </summary>
/// <remarks>
/// Earlier cells are joined into one script rather than chained as submissions: the completion
/// service needs a single document, and a script made of the cells in order declares the same
/// names. The MEF host is composed on first use (about a second), not at start-up.
/// </remarks>
internal sealed class CodeAssistance(ScriptSession session) : IDisposable
{
    private readonly Lazy<AdhocWorkspace> workspace = new(() => new AdhocWorkspace(MefHostServices.DefaultHost));

    public async Task<CompletionMatches> CompleteAsync(string code, int position, CancellationToken cancellationToken)
    {
        var (document, offset) = Document(code);
        var service = CompletionService.GetService(document) ?? throw new InvalidOperationException("Roslyn's C# completion service is not available.");
        var completions = await service.GetCompletionsAsync(document, offset + position, cancellationToken: cancellationToken).ConfigureAwait(false);
        var span = completions.Span;
        var typed = (await document.GetTextAsync(cancellationToken).ConfigureAwait(false)).ToString(span);
        var matches = completions.ItemsList
            .Where(item => item.FilterText.StartsWith(typed, StringComparison.OrdinalIgnoreCase))
            .OrderBy(item => item.FilterText.StartsWith(typed, StringComparison.Ordinal) ? 0 : 1)
            .ThenBy(item => item.SortText, StringComparer.OrdinalIgnoreCase)
            .Select(item => item.DisplayTextPrefix + item.DisplayText + item.DisplayTextSuffix)
            .Distinct(StringComparer.Ordinal)
            .ToList();
        return new CompletionMatches(matches, span.Start - offset, span.End - offset);
    }

    public async Task<string?> InspectAsync(string code, int position, CancellationToken cancellationToken)
    {
        var (document, offset) = Document(code);
        var service = QuickInfoService.GetService(document);
        if (service == null) return null;
        var info = await service.GetQuickInfoAsync(document, offset + position, cancellationToken).ConfigureAwait(false);
        if (info == null || info.Sections.Length == 0) return null;
        return string.Join("\n", info.Sections.Select(s => s.Text).Where(t => t.Length > 0));
    }

    public void Dispose()
    {
        if (workspace.IsValueCreated) workspace.Value.Dispose();
    }

    /// <summary>A fresh document: earlier cells (each closed with ';' in case it ended in an expression), then <paramref name="code"/>.</summary>
    private (Document Document, int Offset) Document(string code)
    {
        var (earlier, references) = session.CompletionContext();
        var text = new StringBuilder();
        foreach (var cell in earlier) text.Append(WithoutDirectives(cell)).Append("\n;\n");
        var offset = text.Length;
        text.Append(code);

        var ws = workspace.Value;
        lock (ws)
        {
            ws.ClearSolution();
            var project = ProjectInfo.Create(
                ProjectId.CreateNewId(), VersionStamp.Create(), "notebook", "notebook", LanguageNames.CSharp,
                compilationOptions: new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, usings: ScriptSession.DefaultImports),
                parseOptions: new CSharpParseOptions(LanguageVersion.Latest, kind: SourceCodeKind.Script),
                metadataReferences: references,
                isSubmission: true,
                hostObjectType: typeof(NotebookGlobals));
            var added = ws.AddProject(project);
            var document = ws.AddDocument(DocumentInfo.Create(
                DocumentId.CreateNewId(added.Id), "cell.csx", sourceCodeKind: SourceCodeKind.Script,
                loader: TextLoader.From(TextAndVersion.Create(SourceText.From(text.ToString()), VersionStamp.Create()))));
            return (document, offset);
        }
    }

    /// <summary>Blanks <c>#r</c>/<c>#load</c> lines: their references are already in the project, and the workspace cannot resolve them.</summary>
    private static string WithoutDirectives(string cell) =>
        string.Join('\n', cell.Split('\n').Select(line => line.TrimStart().StartsWith("#r", StringComparison.Ordinal) || line.TrimStart().StartsWith("#load", StringComparison.Ordinal) ? "" : line));
}
