import type { DirectiveBody } from '#core/directive.ts';

/**
 * Công văn 126/STTTT-BCVT of the Gia Lai Department of Information and Communications (30/01/2021), as an
 * official would issue it: the text of the published letter, with made-up addresses for its recipients.
 */
const DEADLINE = '2021-02-03T17:00:00+07:00';

export const GIA_LAI_RECIPIENTS = [
  { id: 'cong-an-tinh', name: 'Công an tỉnh', email: 'vanthu@congan.gialai.example' },
  { id: 'bchqs-tinh', name: 'Bộ Chỉ huy Quân sự tỉnh', email: 'vanthu@bchqs.gialai.example' },
  { id: 'ubnd-huyen', name: 'Ủy ban nhân dân các huyện, thị xã, thành phố', email: 'vanthu@ubnd-huyen.gialai.example' },
  { id: 'dien-luc', name: 'Công ty Điện lực Gia Lai', email: 'vanthu@pcgialai.example' },
  { id: 'cap-thoat-nuoc', name: 'Công ty Cổ phần Cấp thoát nước Gia Lai', email: 'vanthu@capnuoc.gialai.example' },
  {
    id: 'dn-bcvt',
    name: 'Các doanh nghiệp Bưu chính, Viễn thông trên địa bàn tỉnh',
    email: 'vanthu@bcvt.gialai.example',
  },
];

export const giaLai126 = (): DirectiveBody => ({
  number: '126/STTTT-BCVT',
  issuer: 'Sở Thông tin và Truyền thông',
  issuerParent: 'UBND tỉnh Gia Lai',
  place: 'Gia Lai',
  issuedOn: '2021-01-30',
  subject:
    'V/v đảm bảo thông tin liên lạc và chất lượng dịch vụ bưu chính, viễn thông phục vụ phòng, chống dịch bệnh Covid-19 trên địa bàn tỉnh Gia Lai',
  addressees: GIA_LAI_RECIPIENTS.map((r) => r.name),
  legalBases: [
    'Căn cứ Công văn số 1110/BTTTT-CVT ngày 31/3/2020 của Bộ Thông tin và Truyền thông về việc tạo điều kiện cho các doanh nghiệp viễn thông đảm bảo thông tin liên lạc trong phòng chống dịch COVID-19;',
    'Căn cứ Công văn số 1103/BTTTT-CVT ngày 31/3/2020 của Bộ Thông tin và Truyền thông về việc đảm bảo thông tin liên lạc và chất lượng dịch vụ viễn thông trong phòng, chống dịch COVID-19;',
    'Căn cứ Công văn số 1115/BTTTT-CVT ngày 31/3/2020 của Bộ Thông tin và Truyền thông về việc đảm bảo cung ứng dịch vụ bưu chính trong thời kỳ dịch COVID-19;',
    'Căn cứ Công văn số 137/UBND-KGVX ngày 28/01/2021 của Ủy ban nhân dân tỉnh Gia Lai về việc tăng cường công tác phòng, chống dịch Covid-19;',
  ],
  body: 'Để đảm bảo thông tin liên lạc được thông suốt, đặc biệt là đảm bảo chất lượng dịch vụ bưu chính, viễn thông và Internet đóng vai trò hết sức quan trọng trong công tác chỉ đạo, điều hành phòng, chống dịch bệnh Covid-19 của Đảng, chính quyền các cấp, Sở Thông tin và Truyền thông tỉnh Gia Lai (Sở TT&TT) đề nghị các đơn vị, địa phương và các doanh nghiệp Bưu chính, Viễn thông trên địa bàn tỉnh phối hợp, triển khai một số nội dung sau:',
  signer: { name: 'Lê Thị Thu Hương', title: 'Phó Giám đốc', onBehalfOf: 'KT. GIÁM ĐỐC' },
  leadership: [
    { name: 'Nguyễn Ngọc Hùng', title: 'Giám đốc Sở', email: 'giamdoc@stttt.gialai.example', phone: '0913421376' },
    {
      name: 'Lê Thị Thu Hương',
      title: 'Phó Giám đốc Sở',
      email: 'pgd.huong@stttt.gialai.example',
      phone: '0932532789',
    },
  ],
  recipients: GIA_LAI_RECIPIENTS,
  copies: [
    { name: 'Bộ TT&TT', purpose: 'REPORT' },
    { name: 'Ủy ban nhân dân tỉnh', purpose: 'REPORT' },
    { name: 'Sở Y tế', purpose: 'INFORM' },
    { name: 'Sở Giao thông vận tải', purpose: 'COORDINATE' },
    { name: 'Sở Công Thương', purpose: 'COORDINATE' },
    { name: 'Ban Giám đốc Sở TT&TT', purpose: 'REPORT' },
    { name: 'Lưu: VT, P.BCVT', purpose: 'ARCHIVE' },
  ],
  tasks: [
    {
      code: '1.1',
      text: 'Chỉ đạo các đơn vị chức năng; UBND các xã, phường, thị trấn hỗ trợ, tạo điều kiện cho người lao động, phương tiện di chuyển của các doanh nghiệp Bưu chính, Viễn thông thực hiện nhiệm vụ duy trì liên tục việc cung ứng các dịch vụ bưu chính, viễn thông.',
      assignees: ['bchqs-tinh', 'cong-an-tinh', 'ubnd-huyen'],
      reportRequired: false,
    },
    {
      code: '1.2',
      text: 'Triển khai việc hướng dẫn cho người dân cài đặt, sử dụng các ứng dụng khai báo thông tin y tế như: tokhaiyte.vn, NCOVI, Bluezone tại các chốt chặn phòng, chống dịch bệnh Covid-19 thuộc địa bàn quản lý.',
      assignees: ['bchqs-tinh', 'cong-an-tinh', 'ubnd-huyen'],
      reportRequired: false,
    },
    {
      code: '1.3',
      text: 'Cung cấp đầu mối liên hệ, phối hợp xử lý các vướng mắc, khó khăn có thể xảy ra trong quá trình triển khai về Sở TT&TT trước ngày 03/02/2021.',
      assignees: ['bchqs-tinh', 'cong-an-tinh', 'ubnd-huyen'],
      deadline: DEADLINE,
      reportRequired: true,
    },
    {
      code: '2.1',
      text: 'Ưu tiên cung cấp điện, nước tại các địa điểm quản lý, điều hành, vận hành mạng lưới của các doanh nghiệp bưu chính, viễn thông để đảm bảo hệ thống thông tin liên lạc hoạt động liên tục 24/24.',
      assignees: ['dien-luc', 'cap-thoat-nuoc'],
      reportRequired: false,
    },
    {
      code: '2.2',
      text: 'Cung cấp đầu mối liên hệ, phối hợp xử lý các vướng mắc, khó khăn có thể xảy ra trong quá trình triển khai về Sở TT&TT trước ngày 03/02/2021.',
      assignees: ['dien-luc', 'cap-thoat-nuoc'],
      deadline: DEADLINE,
      reportRequired: true,
    },
    {
      code: '3.1',
      text: 'Yêu cầu các doanh nghiệp Viễn thông thực hiện nghiêm túc ý kiến chỉ đạo của Bộ TT&TT, Ủy ban nhân dân tỉnh; thiết lập điểm cung cấp wifi miễn phí tại các chốt chặn; phân công trực lãnh đạo, trực ứng cứu thông tin.',
      assignees: ['dn-bcvt'],
      reportRequired: false,
    },
    {
      code: '3.2',
      text: 'Yêu cầu các doanh nghiệp Bưu chính duy trì liên tục việc cung ứng các dịch vụ bưu chính; có phương án đảm bảo an toàn cho nhân viên; khai báo y tế đối với tất cả nhân viên bưu chính.',
      assignees: ['dn-bcvt'],
      reportRequired: false,
    },
  ],
  acknowledgeWithin: 'PT8H',
  remindBefore: ['P2D', 'P1D'],
});
