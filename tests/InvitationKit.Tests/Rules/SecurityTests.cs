using System.Reflection;
using System.Security.Cryptography;
using InvitationKit.Tests.Infrastructure;

namespace InvitationKit.Tests.Rules;

/// <summary>Rule 11's storage rules and the security defaults: secrets never at rest, in logs, ToString or exceptions.</summary>
public sealed class SecurityTests
{
    [Fact]
    public async Task No_secret_otp_or_password_appears_in_logs_store_records_or_to_string()
    {
        const string Password = "hunter2-correct-horse";
        await using var kit = await TestKit.CreateAsync();
        kit.User("known@example.com");
        var ids = (await kit.InviteAsync("known@example.com", "nina@example.com")).ShouldSucceed().Invitations.Select(i => i.Id).ToArray();
        var secret = kit.SecretFor("known@example.com");
        var otp = kit.OtpFor("nina@example.com");
        await kit.Manager.ActivateAsync(new ActivationRequest("nina@example.com", "999999" == otp ? "888888" : "999999", Password));
        await kit.Manager.ActivateAsync(new ActivationRequest("nina@example.com", otp, Password));
        await kit.Manager.AcceptAsync(secret, new SignedInIdentity("u", "other@example.com", "SSO", EmailVerified: true));
        await kit.Manager.ResendAsync(kit.Owner, ids[0]);
        var resentSecret = kit.SecretFor("known@example.com");

        var texts = kit.Logs.Entries.Select(e => e.Text)
            .Concat(kit.Store.Invitations.Select(i => i.ToString()))
            .Concat(kit.Mailer.Sent.Select(m => m.ToString()))
            .Append(new ActivationRequest("nina@example.com", otp, Password).ToString())
            .ToArray();
        Assert.NotEmpty(kit.Logs.Entries);
        foreach (var text in texts)
        {
            Assert.DoesNotContain(secret, text, StringComparison.Ordinal);
            Assert.DoesNotContain(resentSecret, text, StringComparison.Ordinal);
            Assert.DoesNotContain(otp, text, StringComparison.Ordinal);
            Assert.DoesNotContain(Password, text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Secrets_are_stored_only_as_keyed_hashes_that_depend_on_the_host_key()
    {
        await using var first = await TestKit.CreateAsync();
        await first.InviteOneAsync("a@example.com");
        var stored = first.Store.Invitations.Single();
        var secret = first.SecretFor("a@example.com");
        Assert.Equal("SecretHash(redacted)", stored.SecretHash.ToString());
        Assert.DoesNotContain(secret, stored.ToString(), StringComparison.Ordinal);

        // The same secret under another key hashes differently, so a stolen table is useless without the key.
        var otherKey = new InvitationKit.Secrets.SecretHasher(new InvitationKit.Secrets.SecretKeyRing(RandomNumberGenerator.GetBytes(32)));
        Assert.NotEqual(stored.SecretHash, Assert.Single(otherKey.LinkTokenCandidates(secret)));
    }

    [Fact]
    public void The_hasher_binds_otps_to_their_invitation_and_separates_purposes()
    {
        var hasher = new InvitationKit.Secrets.SecretHasher(new InvitationKit.Secrets.SecretKeyRing(RandomNumberGenerator.GetBytes(32)));
        var invitation = Guid.NewGuid();
        var hash = hasher.HashOtp(invitation, "123456");
        var key = hasher.CurrentKeyId;
        Assert.True(hasher.VerifyOtp(invitation, "123456", hash, key, OtpFormat.Digits));
        Assert.True(hasher.VerifyOtp(invitation, "123 456", hash, key, OtpFormat.Digits));
        Assert.False(hasher.VerifyOtp(Guid.NewGuid(), "123456", hash, key, OtpFormat.Digits));
        Assert.False(hasher.VerifyOtp(invitation, "123457", hash, key, OtpFormat.Digits));
        Assert.False(hasher.VerifyOtp(invitation, "123456", hash, key + 1, OtpFormat.Digits));
        Assert.False(hasher.VerifyOtp(invitation, new string('1', 10_000), hash, key, OtpFormat.Digits));
        Assert.NotEqual(hash, hasher.HashLinkToken("123456"));
    }

    [Fact]
    public void Exception_messages_never_echo_hostile_input_whole()
    {
        var hostile = "x\r\n" + new string('a', 100_000) + "@example.com";
        var exception = Assert.Throws<FormatException>(() => EmailAddress.Parse(hostile));
        Assert.True(exception.Message.Length < 300);
        Assert.DoesNotContain('\n', exception.Message);
    }

    [Fact]
    public void Public_types_are_immutable_except_options_and_test_doubles()
    {
        var mutableByDesign = new HashSet<Type> { typeof(InvitationKitOptions), typeof(InvitationRateLimitOptions), typeof(InvitationDeliveryOptions) };
        var offenders = typeof(IInvitationManager).Assembly.GetExportedTypes()
            .Where(t => !t.IsInterface && !t.IsEnum && !mutableByDesign.Contains(t) && !typeof(Exception).IsAssignableFrom(t)) // an exception's settable members are the BCL's
            .SelectMany(t => t.GetProperties(BindingFlags.Public | BindingFlags.Instance)
                .Where(p => p.SetMethod is { IsPublic: true } setter && !setter.ReturnParameter.GetRequiredCustomModifiers().Contains(typeof(System.Runtime.CompilerServices.IsExternalInit)))
                .Select(p => $"{t.Name}.{p.Name}"))
            .ToArray();
        Assert.Empty(offenders);
        var mutableStructs = typeof(IInvitationManager).Assembly.GetExportedTypes()
            .Where(t => t.IsValueType && !t.IsEnum && !t.IsDefined(typeof(System.Runtime.CompilerServices.IsReadOnlyAttribute)))
            .ToArray();
        Assert.Empty(mutableStructs);
    }

    [Fact]
    public void The_shipped_assemblies_use_the_bcl_for_cryptography_only()
    {
        var assemblies = new[] { typeof(IInvitationManager).Assembly, typeof(InMemoryInvitationStore).Assembly };
        const BindingFlags All = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.Instance | BindingFlags.DeclaredOnly;
        foreach (var assembly in assemblies)
        {
            var types = assembly.GetTypes();
            Assert.Empty(types.SelectMany(t => t.GetMethods(All)).Where(m => m.Attributes.HasFlag(MethodAttributes.PinvokeImpl)).Select(m => m.Name));
            Assert.DoesNotContain(assembly.GetReferencedAssemblies(), r => r.Name!.Contains("InteropServices.NativeLibrary", StringComparison.Ordinal));
            Assert.False(assembly.ManifestModule.IsDefined(typeof(System.Security.UnverifiableCodeAttribute)), $"{assembly.GetName().Name} is compiled with unsafe code");
            Assert.DoesNotContain(types, t => t.Name.Contains("Sha256", StringComparison.OrdinalIgnoreCase) || t.Name.Contains("Hmac", StringComparison.OrdinalIgnoreCase));

            // No field anywhere holds random bytes for later: future secrets never sit in memory.
            Assert.Empty(types.Where(t => t.Namespace == "InvitationKit.Secrets")
                .SelectMany(t => t.GetFields(All))
                .Where(f => f.IsStatic && !f.IsLiteral && (f.FieldType == typeof(byte[]) || f.FieldType == typeof(char[])))
                .Select(f => f.Name));
        }
    }

    [Fact]
    public void Implementations_stay_internal()
    {
        var assembly = typeof(IInvitationManager).Assembly;
        Assert.False(assembly.GetType("InvitationKit.InvitationManager")!.IsPublic);
        Assert.False(assembly.GetType("InvitationKit.Secrets.SecretHasher")!.IsPublic);
        Assert.False(assembly.GetType("InvitationKit.Secrets.SecretGenerator")!.IsPublic);
    }
}
