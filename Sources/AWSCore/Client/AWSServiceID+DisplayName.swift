extension AWSServiceID {
    /// The service's name in error messages (`EC2`, `STS`), as the protocol descriptions spell it.
    public var displayName: String {
        switch name {
        case "ec2": AWSQueryProtocol.ec2.serviceName
        case "sts": AWSQueryProtocol.sts.serviceName
        case "ssm": AWSJSONProtocol.ssm.serviceName
        case "ec2-instance-connect": AWSJSONProtocol.ec2InstanceConnect.serviceName
        case "kms": AWSJSONProtocol.kms.serviceName
        case "organizations": AWSJSONProtocol.organizations.serviceName
        case "sso": "SSO"
        default: name
        }
    }
}
