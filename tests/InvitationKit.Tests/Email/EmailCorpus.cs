namespace InvitationKit.Tests.Email;

/// <summary>
/// Addresses with verdicts justified by RFC 5321 (SMTP syntax and lengths), RFC 5322 (what SMTP does not carry:
/// display names, comments), RFC 6531/6532 (internationalized local parts) and IDNA 2008 / UTS #46 (IDN domains).
/// Shared with the benchmarks, which measure validation on exactly this corpus.
/// </summary>
public static class EmailCorpus
{
    /// <summary>An address, whether InvitationKit accepts it, and why.</summary>
    public sealed record Entry(string Address, bool Valid, string Why)
    {
        public override string ToString() => $"{(Valid ? "valid" : "invalid")}: {Why}";
    }

    public static IReadOnlyList<Entry> Entries { get; } =
    [
        // ---- valid: RFC 5321 dot-atom local parts ----
        new("simple@example.com", true, "dot-atom local part, host name domain"),
        new("very.common@example.com", true, "dots between atoms"),
        new("disposable.style.email.with+symbol@example.com", true, "'+' is atext"),
        new("other.email-with-hyphen@example.com", true, "'-' is atext"),
        new("fully-qualified-domain@sub.example.com", true, "three-label domain"),
        new("x@example.com", true, "one-character local part"),
        new("example-indeed@strange-example.com", true, "hyphen inside a label (LDH)"),
        new("mailhost!username@example.org", true, "'!' is atext"),
        new("user%example.com@example.org", true, "'%' is atext"),
        new("user-@example.org", true, "a trailing '-' is atext; only dots are restricted"),
        new("{tag}|~^`@example.com", true, "'{', '}', '|', '~', '^', '`' are atext"),
        new("1234567890@example.com", true, "digits are atext"),
        new("_______@example.com", true, "'_' is atext"),
        new("email@123.123.123.com", true, "numeric labels are fine when the TLD is alphabetic"),
        new("Alice@Example.COM", true, "case is not significant for validity"),
        new("a@b.co", true, "short two-label domain"),
        new(new string('l', 64) + "@example.com", true, "local part of exactly 64 octets (RFC 5321 §4.5.3.1.1)"),
        new("u@" + new string('d', 63) + ".example.com", true, "a label of exactly 63 octets (RFC 1035)"),
        new(new string('l', 64) + "@" + string.Join('.', Enumerable.Repeat(new string('d', 61), 3)) + ".com", true, "a 254-octet address, the RFC 5321 forward-path maximum"),

        // ---- valid: quoted local parts (RFC 5321 Quoted-string) ----
        new("\"john..doe\"@example.org", true, "consecutive dots are allowed inside quotes"),
        new("\"much.more unusual\"@example.com", true, "a space is qtextSMTP inside quotes"),
        new("\"user@name\"@example.com", true, "'@' inside quotes; the last '@' separates the domain"),
        new("\"very.(),:;<>[]\\\".VERY.\\\"very@\\\\ \\\"very\\\".unusual\"@strange.example.com", true, "specials and quoted-pairs inside quotes"),
        new("\"\"@example.com", true, "RFC 5321 allows an empty quoted string"),

        // ---- valid: address literals (RFC 5321 §4.1.3) ----
        new("postmaster@[123.123.123.123]", true, "IPv4 address literal"),
        new("postmaster@[IPv6:2001:0db8:85a3:0000:0000:8a2e:0370:7334]", true, "IPv6 address literal"),
        new("postmaster@[IPv6:2001:db8::1]", true, "compressed IPv6 literal"),
        new("postmaster@[IPv6:::ffff:192.0.2.1]", true, "IPv6 literal with an IPv4 tail (RFC 5321 IPv6v4-comp)"),

        // ---- valid: internationalized (RFC 6531 UTF8-non-ascii, IDNA) ----
        new("josé@example.com", true, "EAI local part"),
        new("Pelé@example.com", true, "EAI local part with upper case"),
        new("用户@例子.广告", true, "EAI local part and IDN domain"),
        new("δοκιμή@παράδειγμα.δοκιμή", true, "Greek EAI and IDN"),
        new("user@münchen.de", true, "IDN domain, converted to xn--mnchen-3ya.de"),
        new("test@xn--bcher-kva.example", true, "an IDN domain already in punycode"),
        new("иван@пример.рф", true, "Cyrillic EAI and IDN with an IDN TLD"),

        // ---- valid: surrounding whitespace, trimmed (people paste addresses; the mailbox is the bare address) ----
        new(" email@example.com", true, "leading whitespace is trimmed, not judged as part of the mailbox"),
        new("email@example.com ", true, "trailing whitespace is trimmed"),
        new("email@example.com\r\n", true, "a trailing CR LF is surrounding whitespace: trimmed, so nothing can follow it into a header"),

        // ---- invalid: shape ----
        new("plainaddress", false, "no '@'"),
        new("@example.com", false, "empty local part"),
        new("email@", false, "empty domain"),
        new("", false, "empty string"),
        new("email.example.com", false, "no '@'"),
        new("email@example@example.com", false, "an unquoted '@' in the local part is not atext"),
        new(".email@example.com", false, "a dot-atom cannot start with '.'"),
        new("email.@example.com", false, "a dot-atom cannot end with '.'"),
        new("email..email@example.com", false, "a dot-atom has no empty atoms"),
        new("a\"b(c)d,e:f;g<h>i[j\\k]l@example.com", false, "specials must be quoted"),
        new("just\"not\"right@example.com", false, "quotes must enclose the whole local part"),
        new("this is\"not\\allowed@example.com", false, "space and quote outside a quoted string"),
        new("\"unterminated@example.com", false, "an unterminated quoted string"),
        new(new string('l', 65) + "@example.com", false, "local part of 65 octets exceeds RFC 5321's 64"),
        new(new string('é', 33) + "@example.com", false, "33 'é' are 66 UTF-8 octets, over the 64-octet limit"),
        new(new string('l', 64) + "@" + string.Join('.', Enumerable.Repeat(new string('d', 61), 3)) + ".comx", false, "255 octets exceeds the 254-octet path limit"),

        // ---- invalid: RFC 5322 forms that SMTP and invitations do not carry ----
        new("Joe Smith <email@example.com>", false, "display-name form"),
        new("<email@example.com>", false, "angle-addr form"),
        new("email@example.com (Joe Smith)", false, "trailing comment"),
        new("(comment)email@example.com", false, "leading comment"),
        new("email @example.com", false, "whitespace before '@'"),

        // ---- invalid: domains ----
        new("email@example", false, "a single-label (dotless) domain cannot receive internet mail (RFC 7085)"),
        new("email@-example.com", false, "a label cannot start with '-' (LDH rule)"),
        new("email@example-.com", false, "a label cannot end with '-' (LDH rule)"),
        new("email@111.222.333.44444", false, "an all-numeric TLD: an IP address must be bracketed"),
        new("email@example..com", false, "an empty label"),
        new("email@.example.com", false, "a leading empty label"),
        new("email@example.com.", false, "a trailing dot (root label) is not allowed in a mailbox domain"),
        new("email@ex_ample.com", false, "'_' is not LDH"),
        new("email@exa mple.com", false, "a space in the domain"),
        new("u@" + new string('d', 64) + ".example.com", false, "a label of 64 octets exceeds 63"),
        new("user@[300.1.1.1]", false, "an IPv4 octet above 255"),
        new("user@[1.2.3]", false, "an IPv4 literal needs four octets"),
        new("user@[IPv6:zz::1]", false, "not an IPv6 address"),
        new("user@[IPv6:1:2:3:4:5:6:7:8:9]", false, "nine IPv6 groups"),
        new("user@[IPv6:1::2::3]", false, "two '::' in one IPv6 address"),
        new("user@[IPv6:1:2:3:4:5:6:7::8]", false, "'::' must stand for at least two groups (RFC 5321 IPv6-comp)"),
        new("user@[example.com]", false, "a domain name is not an address literal"),
        new("user@例子..广告", false, "an empty IDN label"),

        // ---- invalid: control and invisible characters (header injection, spoofing) ----
        new("a@b.co\nBcc: victim@example.com", false, "header injection with LF"),
        new("nul\0@example.com", false, "NUL"),
        new("tab\t@example.com", false, "TAB outside quotes"),
        new("\"a\rb\"@example.com", false, "CR is not qtextSMTP even inside quotes"),
        new("\"a\\\nb\"@example.com", false, "a quoted-pair cannot escape LF"),
        new("admin\u202E@example.com", false, "a bidi override (format character) enables spoofing"),
        new("zero\u200Bwidth@example.com", false, "a zero-width space is a format character"),
        new("user@exam\u200Bple.com", false, "a zero-width space in the domain"),
        new("\uD800user@example.com", false, "an unpaired surrogate is not UTF-8 encodable"),
        new("del\u007F@example.com", false, "DEL"),
        new("c1\u0085@example.com", false, "a C1 control (NEL)"),
    ];
}
