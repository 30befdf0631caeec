# Written by plinth: moto_server with corrections to what moto 5.2 reads back, so that a second
# `terraform apply` of an unchanged stack finds nothing to change. Each correction makes moto
# answer as AWS does; none adds a service or skips a check. Arguments are moto_server's.
import signal
import sys

import moto


def launch_template_own_tags():
    """CreateLaunchTemplate copies the template's own tags into its launch data as a
    `launch-template` tag specification, a type AWS accepts only for the template itself."""
    from moto.ec2.models.launch_templates import LaunchTemplateBackend

    create = LaunchTemplateBackend.create_launch_template

    def corrected(self, name, description, template_data, tag_spec):
        specs = template_data.get("TagSpecifications")
        if isinstance(specs, list):
            template_data["TagSpecifications"] = [
                s for s in specs if s.get("ResourceType") != "launch-template"
            ]
        return create(self, name, description, template_data, tag_spec)

    LaunchTemplateBackend.create_launch_template = corrected


def referenced_group_rule_description():
    """A rule that references a security group keeps its description with the group pair,
    which DescribeSecurityGroupRules does not read."""
    from moto.ec2.models.security_groups import SecurityGroupRule

    def description(self):
        return self.ip_range.get("Description") or (self.source_group or {}).get("Description")

    SecurityGroupRule.description = property(description)


def db_parameter_source():
    """Parameters set on a DB parameter group come back without `Source: user`, so a reader
    that asks for the user-set parameters finds none."""
    from moto.rds.models import DBParameterGroup

    update = DBParameterGroup.update_parameters

    def corrected(self, new_parameters):
        new_parameters = list(new_parameters)
        update(self, new_parameters)
        for parameter in new_parameters:
            self.parameters[parameter["ParameterName"]].setdefault("Source", "user")

    DBParameterGroup.update_parameters = corrected


def db_instance_monitoring():
    """Enhanced-monitoring and Performance Insights settings given when an instance is created
    are dropped, and Performance Insights comes back off after a modify that turned it on."""
    from moto.rds.models import DBInstance

    init = DBInstance.__init__
    update = DBInstance.update
    kept = {
        "monitoring_interval": "monitoring_interval",
        "monitoring_role_arn": "monitoring_role_arn",
        "enable_performance_insights": "performance_insights_enabled",
        "performance_insights_kms_key_id": "performance_insights_kms_key_id",
        "performance_insights_retention_period": "performance_insights_retention_period",
    }

    def keep(instance, kwargs):
        for given, attribute in kept.items():
            if kwargs.get(given) is not None:
                setattr(instance, attribute, kwargs[given])

    def corrected_init(self, *args, **kwargs):
        init(self, *args, **kwargs)
        keep(self, kwargs)

    def corrected_update(self, *args, **kwargs):
        update(self, *args, **kwargs)
        keep(self, kwargs)

    DBInstance.__init__ = corrected_init
    DBInstance.update = corrected_update


def cloudfront_cache_policy_behaviour():
    """A cache behaviour that names a cache policy comes back with legacy forwarded values
    too; AWS returns them only for behaviours without a cache policy."""
    from moto.cloudfront.models import DefaultCacheBehaviour

    init = DefaultCacheBehaviour.__init__

    def corrected(self, config):
        init(self, config)
        if config.get("CachePolicyId") and "ForwardedValues" not in config:
            self.forwarded_values = None

    DefaultCacheBehaviour.__init__ = corrected


def cloudfront_custom_certificate():
    """A distribution with an ACM or IAM certificate also comes back as using the CloudFront
    default certificate."""
    from moto.cloudfront.models import ViewerCertificate

    init = ViewerCertificate.__init__

    def corrected(self, config):
        init(self, config)
        if "CloudFrontDefaultCertificate" not in config and (
            config.get("ACMCertificateArn") or config.get("IAMCertificateId")
        ):
            self.cloud_front_default_certificate = False

    ViewerCertificate.__init__ = corrected


def transit_gateway_attachment_deletion():
    """A deleted VPC attachment vanishes at once, where AWS keeps it readable in state `deleted`
    for a while. The provider waits to read that state and, finding nothing 21 times, fails the
    destroy after about 2.5 minutes per attachment. Deleting it again is refused as AWS refuses it."""
    from moto.ec2.exceptions import EC2ClientError
    from moto.ec2.models.transit_gateway_attachments import TransitGatewayAttachmentBackend

    delete = TransitGatewayAttachmentBackend.delete_transit_gateway_vpc_attachment

    def corrected(self, transit_gateway_attachment_id):
        known = self.transit_gateway_attachments.get(transit_gateway_attachment_id)
        if known is None or known.state == "deleted":
            raise EC2ClientError(
                "InvalidTransitGatewayAttachmentID.NotFound",
                f"Transit Gateway Attachment {transit_gateway_attachment_id} was deleted or does not exist.",
            )
        attachment = delete(self, transit_gateway_attachment_id)
        self.transit_gateway_attachments[transit_gateway_attachment_id] = attachment
        return attachment

    TransitGatewayAttachmentBackend.delete_transit_gateway_vpc_attachment = corrected


def cloudtrail_trail_arn():
    """StartLogging, StopLogging and DeleteTrail find a trail only by its name, where AWS takes
    its ARN as well. The provider names a trail by its ARN, so logging never starts (the lookup
    fails with a server error the provider retries for minutes) and a destroyed trail stays."""
    from moto.cloudtrail.models import CloudTrailBackend

    def by_arn_too(method):
        def corrected(self, name):
            for key, trail in self.trails.items():
                if trail.arn == name:
                    return method(self, key)
            return method(self, name)

        return corrected

    for name in ("start_logging", "stop_logging", "delete_trail"):
        setattr(CloudTrailBackend, name, by_arn_too(getattr(CloudTrailBackend, name)))


def dynamodb_serial_writes():
    """The threaded server runs DynamoDB writes of concurrent requests interleaved, and a cancelled
    transaction restores a copy of each table taken before it ran, erasing writes other requests
    made meanwhile. AWS applies each write and transaction atomically: run them one at a time."""
    import threading

    from moto.dynamodb.models import DynamoDBBackend

    lock = threading.RLock()

    def serialized(method):
        def corrected(self, *args, **kwargs):
            with lock:
                return method(self, *args, **kwargs)

        return corrected

    for name in ("put_item", "update_item", "delete_item", "transact_write_items", "get_item", "scan"):
        setattr(DynamoDBBackend, name, serialized(getattr(DynamoDBBackend, name)))


def prefix_list_rule_description():
    """A rule that references a prefix list (an AWS service's address ranges) drops its
    description when it is created, so DescribeSecurityGroupRules returns none."""
    from moto.ec2.models.security_groups import SecurityGroupRule

    init = SecurityGroupRule.__init__
    described = SecurityGroupRule.description

    def corrected_init(self, ec2_backend, ip_protocol, group_id, from_port, to_port, ip_range,
                       source_group=None, prefix_list_id=None, *args, **kwargs):
        init(self, ec2_backend, ip_protocol, group_id, from_port, to_port, ip_range,
             source_group, prefix_list_id, *args, **kwargs)
        self.plinth_prefix_list_description = (prefix_list_id or {}).get("Description")

    def description(self):
        return described.fget(self) or getattr(self, "plinth_prefix_list_description", None)

    SecurityGroupRule.__init__ = corrected_init
    SecurityGroupRule.description = property(description)


def lambda_function_key_and_logging():
    """A function's KMS key (for its environment variables) and its logging configuration are
    accepted by CreateFunction and UpdateFunctionConfiguration but never read back."""
    from moto.awslambda.models import LambdaFunction

    init = LambdaFunction.__init__
    configuration = LambdaFunction.get_configuration
    update = LambdaFunction.update_configuration

    def keep(function, settings):
        if "KMSKeyArn" in settings:
            function.plinth_kms_key_arn = settings["KMSKeyArn"] or None
        if "LoggingConfig" in settings:
            function.plinth_logging_config = settings["LoggingConfig"] or None

    def corrected_init(self, account_id, spec, *args, **kwargs):
        init(self, account_id, spec, *args, **kwargs)
        keep(self, spec)

    def corrected_configuration(self, *args, **kwargs):
        config = configuration(self, *args, **kwargs)
        if getattr(self, "plinth_kms_key_arn", None):
            config["KMSKeyArn"] = self.plinth_kms_key_arn
        if getattr(self, "plinth_logging_config", None):
            config["LoggingConfig"] = self.plinth_logging_config
        return config

    def corrected_update(self, config_updates):
        keep(self, config_updates)
        return update(self, config_updates)

    LambdaFunction.__init__ = corrected_init
    LambdaFunction.get_configuration = corrected_configuration
    LambdaFunction.update_configuration = corrected_update


CORRECTIONS = [
    launch_template_own_tags,
    referenced_group_rule_description,
    db_parameter_source,
    db_instance_monitoring,
    cloudfront_cache_policy_behaviour,
    cloudfront_custom_certificate,
    transit_gateway_attachment_deletion,
    cloudtrail_trail_arn,
    dynamodb_serial_writes,
    prefix_list_rule_description,
    lambda_function_key_and_logging,
]

if __name__ == "__main__":
    # plinth starts this from a process whose threads block most signals, and a child inherits
    # that mask: unblock them, or SIGTERM would never reach the server and stopping it would
    # take the SIGKILL fallback.
    signal.pthread_sigmask(signal.SIG_SETMASK, set())
    if not moto.__version__.startswith("5.2."):
        print(f"plinth: moto {moto.__version__} is not 5.2; serving it without corrections", file=sys.stderr)
    else:
        for correction in CORRECTIONS:
            correction()
        print("plinth: corrections applied: " + ", ".join(c.__name__ for c in CORRECTIONS), file=sys.stderr)
    from moto.server import main

    main(sys.argv[1:])
