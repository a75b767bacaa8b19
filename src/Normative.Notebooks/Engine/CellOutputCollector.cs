using System.Text;

namespace Normative.Notebooks.Engine;

/// <summary>
/// Gathers one cell's outputs in order. Console text is buffered per stream and released at line
/// ends (so a front end sees whole lines as they are printed), before any displayed value, and
/// at the end of the cell; consecutive text on one stream becomes one output, as nbclient stores it.
/// </summary>
internal sealed class CellOutputCollector(Action<CellOutput>? onOutput)
{
    /// <summary>Buffered text longer than this is released even without a line end (progress bars redrawn with \r).</summary>
    private const int MaxPending = 4096;

    private readonly object gate = new();
    private readonly List<CellOutput> outputs = [];
    private readonly StringBuilder pending = new();
    private string? pendingStream;
    private bool closed;

    /// <summary>Adds console text written on <paramref name="stream"/>.</summary>
    public void Write(string stream, string text)
    {
        lock (gate)
        {
            if (closed) return;
            if (pendingStream != null && pendingStream != stream) FlushPending(pending.Length);
            pendingStream = stream;
            pending.Append(text);
            var lastBreak = LastBreak();
            if (pending.Length > MaxPending) FlushPending(pending.Length);
            else if (lastBreak >= 0) FlushPending(lastBreak + 1);
        }
    }

    /// <summary>Adds a displayed value, result or error after the text written so far.</summary>
    public void Add(CellOutput output)
    {
        lock (gate)
        {
            if (closed) return;
            FlushPending(pending.Length);
            Emit(output);
        }
    }

    /// <summary>Releases buffered text and returns every output; later writes are ignored.</summary>
    public IReadOnlyList<CellOutput> Close()
    {
        lock (gate)
        {
            if (!closed) FlushPending(pending.Length);
            closed = true;
            return [.. outputs];
        }
    }

    private int LastBreak()
    {
        for (var i = pending.Length - 1; i >= 0; i--)
        {
            if (pending[i] is '\n' or '\r') return i;
        }
        return -1;
    }

    private void FlushPending(int length)
    {
        if (length == 0 || pendingStream == null) return;
        var text = pending.ToString(0, length);
        pending.Remove(0, length);
        Emit(new StreamOutput(pendingStream, text));
    }

    private void Emit(CellOutput output)
    {
        if (output is StreamOutput stream && outputs.Count > 0 && outputs[^1] is StreamOutput previous && previous.Name == stream.Name)
            outputs[^1] = previous with { Text = previous.Text + stream.Text };
        else
            outputs.Add(output);
        onOutput?.Invoke(output);
    }
}
