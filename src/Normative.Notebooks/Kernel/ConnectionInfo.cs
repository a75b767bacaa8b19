using System.Text.Json;
using System.Text.Json.Serialization;

namespace Normative.Notebooks.Kernel;

/// <summary>
/// A Jupyter connection file: where the kernel binds its five sockets and the key that signs
/// messages. Jupyter writes it and passes its path as <c>{connection_file}</c>.
/// </summary>
public sealed record ConnectionInfo
{
    /// <summary>The address to bind, e.g. 127.0.0.1.</summary>
    [JsonPropertyName("ip")] public string Ip { get; init; } = "127.0.0.1";

    /// <summary>ZeroMQ transport; the kernel supports <c>tcp</c>.</summary>
    [JsonPropertyName("transport")] public string Transport { get; init; } = "tcp";

    /// <summary>Port of the shell channel (requests from the front end).</summary>
    [JsonPropertyName("shell_port")] public int ShellPort { get; init; }

    /// <summary>Port of the iopub channel (outputs and status broadcast).</summary>
    [JsonPropertyName("iopub_port")] public int IOPubPort { get; init; }

    /// <summary>Port of the stdin channel (input requests).</summary>
    [JsonPropertyName("stdin_port")] public int StdinPort { get; init; }

    /// <summary>Port of the control channel (interrupt, shutdown).</summary>
    [JsonPropertyName("control_port")] public int ControlPort { get; init; }

    /// <summary>Port of the heartbeat (echo).</summary>
    [JsonPropertyName("hb_port")] public int HeartbeatPort { get; init; }

    /// <summary>HMAC key; empty disables signing.</summary>
    [JsonPropertyName("key")] public string Key { get; init; } = "";

    /// <summary>Signature scheme; the kernel supports <c>hmac-sha256</c>.</summary>
    [JsonPropertyName("signature_scheme")] public string SignatureScheme { get; init; } = "hmac-sha256";

    /// <summary>Reads and checks the connection file at <paramref name="path"/>.</summary>
    /// <exception cref="InvalidDataException">The file is malformed or asks for an unsupported transport or scheme.</exception>
    public static ConnectionInfo Load(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"{path}: connection file not found.", path);
        ConnectionInfo info;
        try
        {
            info = JsonSerializer.Deserialize<ConnectionInfo>(File.ReadAllText(path)) ?? throw new InvalidDataException($"{path}: empty connection file.");
        }
        catch (JsonException error)
        {
            throw new InvalidDataException($"{path}: not a Jupyter connection file: {error.Message}", error);
        }
        if (info.Transport != "tcp") throw new InvalidDataException($"{path}: transport '{info.Transport}' is not supported; the kernel binds tcp only.");
        if (info.SignatureScheme != "hmac-sha256" && info.Key.Length > 0)
            throw new InvalidDataException($"{path}: signature scheme '{info.SignatureScheme}' is not supported; use hmac-sha256.");
        int[] ports = [info.ShellPort, info.IOPubPort, info.StdinPort, info.ControlPort, info.HeartbeatPort];
        if (ports.Any(p => p is <= 0 or > 65535)) throw new InvalidDataException($"{path}: every *_port must be a port number (1-65535).");
        return info;
    }

    /// <summary>The ZeroMQ endpoint for <paramref name="port"/>.</summary>
    public string Endpoint(int port) => $"{Transport}://{Ip}:{port}";
}
