using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace Notebooks.Tests.Figures;

/// <summary>
/// Reads a PNG far enough to prove it decodes: signature, IHDR, and the inflated IDAT stream's
/// length matching height × (1 + width × bytes per pixel) (PNG spec, ISO/IEC 15948 §7-§10).
/// </summary>
internal sealed record PngImage(int Width, int Height)
{
    private static readonly byte[] Signature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    public static PngImage Decode(byte[] png)
    {
        Assert.True(png.Length > Signature.Length && png.AsSpan(0, 8).SequenceEqual(Signature), "not a PNG: signature missing");
        int width = 0, height = 0, bytesPerPixel = 0;
        using var idat = new MemoryStream();
        bool ended = false;
        for (int offset = 8; offset < png.Length && !ended;)
        {
            int length = BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(offset));
            string type = Encoding.ASCII.GetString(png, offset + 4, 4);
            ReadOnlySpan<byte> data = png.AsSpan(offset + 8, length);
            switch (type)
            {
                case "IHDR":
                    width = BinaryPrimitives.ReadInt32BigEndian(data);
                    height = BinaryPrimitives.ReadInt32BigEndian(data[4..]);
                    Assert.Equal(8, data[8]); // bit depth
                    bytesPerPixel = data[9] switch { 2 => 3, 6 => 4, 0 => 1, 4 => 2, _ => throw new InvalidDataException($"colour type {data[9]}") };
                    break;
                case "IDAT":
                    idat.Write(data);
                    break;
                case "IEND":
                    ended = true;
                    break;
            }
            offset += 12 + length;
        }
        Assert.True(ended, "PNG has no IEND chunk");
        Assert.True(width > 0 && height > 0, "PNG has no IHDR dimensions");
        idat.Position = 0;
        using var inflated = new MemoryStream();
        using (var zlib = new ZLibStream(idat, CompressionMode.Decompress))
            zlib.CopyTo(inflated);
        Assert.Equal((long)height * (1 + (long)width * bytesPerPixel), inflated.Length);
        return new PngImage(width, height);
    }
}
