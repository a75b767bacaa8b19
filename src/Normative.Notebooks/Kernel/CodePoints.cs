namespace Normative.Notebooks.Kernel;

/// <summary>Cursor positions: Jupyter counts Unicode code points (protocol 5.2+), .NET strings count UTF-16 units.</summary>
internal static class CodePoints
{
    /// <summary>The UTF-16 index of code point <paramref name="codePoint"/> in <paramref name="text"/> (clamped to its length).</summary>
    public static int ToUtf16(string text, int codePoint)
    {
        var index = 0;
        for (var n = 0; n < codePoint && index < text.Length; n++) index += char.IsSurrogatePair(text, index) ? 2 : 1;
        return Math.Min(index, text.Length);
    }

    /// <summary>The number of code points before UTF-16 index <paramref name="utf16"/>.</summary>
    public static int FromUtf16(string text, int utf16)
    {
        var count = 0;
        for (var i = 0; i < utf16 && i < text.Length; i++)
        {
            if (!char.IsLowSurrogate(text[i])) count++;
        }
        return count;
    }
}
