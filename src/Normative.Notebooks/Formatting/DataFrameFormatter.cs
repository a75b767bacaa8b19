using System.Diagnostics.CodeAnalysis;
using System.Net;
using System.Text;
using Microsoft.Data.Analysis;

namespace Normative.Notebooks.Formatting;

/// <summary>Shows a <see cref="DataFrame"/> as an HTML table of its first <see cref="MaxRows"/> rows.</summary>
internal sealed class DataFrameFormatter : IMimeFormatter
{
    /// <summary>Rows shown before the table is cut (the caption gives the full size).</summary>
    public const int MaxRows = 25;

    public bool TryFormat(object value, [NotNullWhen(true)] out MimeBundle? bundle)
    {
        bundle = value is DataFrame frame ? MimeBundle.HtmlWithText(ToHtml(frame), frame.ToString()) : null;
        return bundle != null;
    }

    /// <summary>The table: a header of column names, one row per frame row, a caption with the size.</summary>
    public static string ToHtml(DataFrame frame)
    {
        var html = new StringBuilder("<table>");
        html.Append("<thead><tr><th></th>");
        foreach (var column in frame.Columns) html.Append("<th>").Append(WebUtility.HtmlEncode(column.Name)).Append("</th>");
        html.Append("</tr></thead><tbody>");
        var shown = Math.Min(frame.Rows.Count, MaxRows);
        for (long row = 0; row < shown; row++)
        {
            html.Append("<tr><td><i>").Append(row).Append("</i></td>");
            foreach (var column in frame.Columns)
                html.Append("<td>").Append(WebUtility.HtmlEncode(PlainTextFormatter.Format(column[row]))).Append("</td>");
            html.Append("</tr>");
        }
        html.Append("</tbody>");
        var more = frame.Rows.Count > shown ? $", first {shown} shown" : "";
        html.Append($"<caption style=\"caption-side:bottom\">{frame.Rows.Count} rows × {frame.Columns.Count} columns{more}</caption>");
        return html.Append("</table>").ToString();
    }
}
