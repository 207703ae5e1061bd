namespace InvitationKit.Mail;

/// <summary>
/// The SMTP server refused a command of an invitation mail. It carries the reply's codes but never the server's text
/// (which often repeats the address), so it can be logged as is. The outbox retries it, unless it is the inner exception
/// of a <see cref="PermanentDeliveryException"/> (the mailbox was refused for good).
/// </summary>
public sealed class SmtpDeliveryException : Exception
{
    /// <summary>Creates the exception with a default message.</summary>
    public SmtpDeliveryException()
        : base("The SMTP server refused the mail.")
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What was refused, without the address.</param>
    public SmtpDeliveryException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with the failure that caused it.</summary>
    /// <param name="message">What was refused, without the address.</param>
    /// <param name="innerException">The cause, without the address.</param>
    public SmtpDeliveryException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for a reply.</summary>
    /// <param name="message">What was refused, without the address.</param>
    /// <param name="statusCode">The reply's basic status code, e.g. 550.</param>
    /// <param name="enhancedStatusCode">The reply's enhanced status code (RFC 3463), e.g. <c>5.1.1</c>; null when the server gave none.</param>
    public SmtpDeliveryException(string message, int statusCode, string? enhancedStatusCode)
        : base(message)
    {
        StatusCode = statusCode;
        EnhancedStatusCode = enhancedStatusCode;
    }

    /// <summary>The reply's basic status code, e.g. 550; 0 when unknown.</summary>
    public int StatusCode { get; }

    /// <summary>The reply's enhanced status code (RFC 3463), e.g. <c>5.1.1</c>; null when the server gave none.</summary>
    public string? EnhancedStatusCode { get; }
}
