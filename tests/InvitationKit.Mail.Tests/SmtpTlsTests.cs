using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using InvitationKit.Mail.Tests.Infrastructure;

namespace InvitationKit.Mail.Tests;

/// <summary>STARTTLS against the in-process server: a pinned certificate and credentials deliver; no TLS, or an untrusted certificate, delivers nothing.</summary>
public sealed class SmtpTlsTests
{
    private static readonly X509Certificate2 Certificate = CreateCertificate();

    [Fact]
    public async Task StartTls_with_a_pinned_certificate_and_credentials_delivers()
    {
        await using var server = await SmtpTestServer.StartAsync(Certificate, credentials: ("mailer", "s3cret"));
        await using var host = await MailHost.StartAsync(server.Port, mail: o =>
        {
            o.Smtp.Security = SmtpSecurity.StartTls;
            o.Smtp.UserName = "mailer";
            o.Smtp.Password = "s3cret";
            o.Smtp.CheckCertificateRevocation = false; // a test certificate has no revocation list
            o.Smtp.ServerCertificateValidation = (_, certificate, _, _) => certificate?.GetCertHashString() == Certificate.GetCertHashString();
        });

        (await host.InviteAsync("nina@newcomer.example")).ShouldSucceed();

        Assert.Equal(host.Handed.Single().OneTimePassword, MailParts.Code(server.Single()));
    }

    [Fact]
    public async Task StartTls_is_required_so_a_server_without_it_gets_neither_the_mail_nor_the_credentials()
    {
        await using var server = await SmtpTestServer.StartAsync();
        await using var host = await MailHost.StartAsync(server.Port, mail: o =>
        {
            o.Smtp.Security = SmtpSecurity.StartTls;
            o.Smtp.UserName = "mailer";
            o.Smtp.Password = "s3cret";
        });

        var id = (await host.InviteAsync("nina@newcomer.example")).ShouldSucceed().Invitations[0].Id;

        Assert.Empty(server.Received);
        Assert.NotNull(host.Stored(id).NextDeliveryAt); // retried: the fix is on the sending side
    }

    [Fact]
    public async Task An_untrusted_certificate_is_refused()
    {
        await using var server = await SmtpTestServer.StartAsync(Certificate);
        await using var host = await MailHost.StartAsync(server.Port, mail: o => o.Smtp.Security = SmtpSecurity.StartTls);

        var id = (await host.InviteAsync("nina@newcomer.example")).ShouldSucceed().Invitations[0].Id;

        Assert.Empty(server.Received);
        Assert.Equal(DeliveryState.Failed, host.Stored(id).Delivery);
    }

    private static X509Certificate2 CreateCertificate()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        names.AddIpAddress(System.Net.IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pfx), null);
    }
}
