// Handlers read their configuration from the environment, as on Lambda; unit tests use these stand-ins.
process.env.TABLE_NAME ??= 'chidao-test';
process.env.PUBLIC_BASE_URL ??= 'https://chidao.example.gov.vn';
process.env.SENDER_ADDRESS ??= 'Sở TT&TT <no-reply@stttt.example.gov.vn>';
process.env.ASSIGNMENT_MACHINE_ARN ??= 'arn:aws:states:ap-southeast-1:000000000000:stateMachine:assignment';
process.env.FANOUT_MACHINE_ARN ??= 'arn:aws:states:ap-southeast-1:000000000000:stateMachine:fanout';
process.env.LINK_SECRET_ARN ??= 'arn:aws:secretsmanager:ap-southeast-1:000000000000:secret:link';
process.env.AWS_REGION ??= 'ap-southeast-1';
