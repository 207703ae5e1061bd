using System.Runtime.InteropServices;

namespace InvitationKit.Otp;

/// <summary>
/// OpenSSL's direct SHA-256 entry points (<c>SHA256_Init/Update/Final</c>), which use the CPU's SHA instructions, called
/// through function pointers on opaque contexts the caller owns. Linux only — the libcrypto .NET itself uses there;
/// elsewhere, or if the library or its exports are missing, <see cref="IsAvailable"/> is false and the managed SHA-256
/// is used instead.
/// </summary>
internal static unsafe class NativeSha256
{
    /// <summary>Bytes reserved for a <c>SHA256_CTX</c> (112 in OpenSSL 1.1 and 3; a little spare room).</summary>
    public const int ContextSize = 128;

    private static readonly delegate* unmanaged[SuppressGCTransition]<byte*, int> s_init;
    private static readonly delegate* unmanaged[SuppressGCTransition]<byte*, byte*, nuint, int> s_update;
    private static readonly delegate* unmanaged[SuppressGCTransition]<byte*, byte*, int> s_final;

#pragma warning disable CA1810 // The exports are resolved once, together, or not at all.
    static NativeSha256()
#pragma warning restore CA1810
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        foreach (var name in new[] { "libcrypto.so.3", "libcrypto.so.1.1" })
        {
            if (NativeLibrary.TryLoad(name, out var library)
                && NativeLibrary.TryGetExport(library, "SHA256_Init", out var init)
                && NativeLibrary.TryGetExport(library, "SHA256_Update", out var update)
                && NativeLibrary.TryGetExport(library, "SHA256_Final", out var final))
            {
                s_init = (delegate* unmanaged[SuppressGCTransition]<byte*, int>)init;
                s_update = (delegate* unmanaged[SuppressGCTransition]<byte*, byte*, nuint, int>)update;
                s_final = (delegate* unmanaged[SuppressGCTransition]<byte*, byte*, int>)final;
                IsAvailable = true;
                return;
            }
        }
    }

    public static bool IsAvailable { get; }

    /// <summary>Initializes a context and absorbs <paramref name="data"/>.</summary>
    public static void Start(Span<byte> context, ReadOnlySpan<byte> data)
    {
        fixed (byte* c = context)
        {
            Check(s_init(c));
        }

        Update(context, data);
    }

    public static void Update(Span<byte> context, ReadOnlySpan<byte> data)
    {
        fixed (byte* c = context)
        fixed (byte* d = data)
        {
            Check(s_update(c, d, (nuint)data.Length));
        }
    }

    public static void Final(Span<byte> context, Span<byte> digest)
    {
        fixed (byte* c = context)
        fixed (byte* d = digest)
        {
            Check(s_final(d, c));
        }
    }

    private static void Check(int result)
    {
        if (result != 1)
        {
            throw new InvalidOperationException("OpenSSL SHA-256 failed.");
        }
    }
}
