using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using NetMQ;

namespace Normative.Notebooks.Kernel;

/// <summary>
/// Turns <see cref="JupyterMessage"/>s into ZeroMQ multipart frames and back:
/// <c>identities… &lt;IDS|MSG&gt; signature header parent_header metadata content</c>, the
/// signature being the hex HMAC-SHA256 of the four JSON frames under the connection key.
/// </summary>
internal sealed class MessageCodec(string key)
{
    private static readonly byte[] Delimiter = Encoding.ASCII.GetBytes("<IDS|MSG>");
    private readonly byte[] keyBytes = Encoding.UTF8.GetBytes(key);

    /// <summary>The frames of <paramref name="message"/>, signed.</summary>
    public NetMQMessage Encode(JupyterMessage message)
    {
        byte[][] parts = [Json(message.Header), Json(message.ParentHeader), Json(message.Metadata), Json(message.Content)];
        var frames = new NetMQMessage();
        foreach (var identity in message.Identities) frames.Append(identity);
        frames.Append(Delimiter);
        frames.Append(Encoding.ASCII.GetBytes(Sign(parts)));
        foreach (var part in parts) frames.Append(part);
        return frames;
    }

    /// <summary>The message in <paramref name="frames"/>; throws when it is malformed or its signature does not match.</summary>
    /// <exception cref="InvalidDataException">Missing delimiter or frames, bad JSON, or a wrong signature.</exception>
    public JupyterMessage Decode(NetMQMessage frames)
    {
        var all = frames.Select(f => f.ToByteArray()).ToList();
        var delimiter = all.FindIndex(f => f.AsSpan().SequenceEqual(Delimiter));
        if (delimiter < 0 || all.Count < delimiter + 6) throw new InvalidDataException("message without <IDS|MSG> delimiter and its five frames");
        var parts = all.Skip(delimiter + 2).Take(4).ToArray();
        if (keyBytes.Length > 0)
        {
            var expected = Encoding.ASCII.GetBytes(Sign(parts));
            if (!CryptographicOperations.FixedTimeEquals(expected, all[delimiter + 1])) throw new InvalidDataException("message signature does not match the connection key");
        }
        return new JupyterMessage(all.Take(delimiter).ToList(), Object(parts[0]), Object(parts[1]), Object(parts[2]), Object(parts[3]));
    }

    private string Sign(byte[][] parts)
    {
        if (keyBytes.Length == 0) return "";
        using var hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, keyBytes);
        foreach (var part in parts) hmac.AppendData(part);
        return Convert.ToHexStringLower(hmac.GetHashAndReset());
    }

    private static byte[] Json(JsonObject value) => Encoding.UTF8.GetBytes(value.ToJsonString());

    private static JsonObject Object(byte[] frame)
    {
        try
        {
            return JsonNode.Parse(frame) as JsonObject ?? [];
        }
        catch (JsonException error)
        {
            throw new InvalidDataException($"message frame is not JSON: {error.Message}", error);
        }
    }
}
